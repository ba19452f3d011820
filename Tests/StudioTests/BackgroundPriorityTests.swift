import Foundation
import XCTest
@testable import Studio

final class BackgroundPriorityTests: XCTestCase {
    func testLowersAnotherThreadButNotTheCaller() throws {
        #if !os(Linux)
        throw XCTSkip("niceness per thread is a Linux feature")
        #endif
        let me = try XCTUnwrap(BackgroundPriority.currentThreadID())
        XCTAssertTrue(BackgroundPriority.threadIDs().contains(me))
        let before = try XCTUnwrap(BackgroundPriority.niceness(ofThread: me))

        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let other = ThreadIDBox()
        let thread = Thread {
            other.value = BackgroundPriority.currentThreadID()
            started.signal()
            release.wait()
        }
        thread.start()
        started.wait()
        defer { release.signal() }
        let worker = try XCTUnwrap(other.value)
        XCTAssertNotEqual(worker, me)
        XCTAssertTrue(BackgroundPriority.threadIDs().contains(worker))

        XCTAssertTrue(BackgroundPriority.lower(thread: worker))
        XCTAssertEqual(BackgroundPriority.niceness(ofThread: worker), max(before, BackgroundPriority.niceness))
        XCTAssertEqual(BackgroundPriority.niceness(ofThread: me), before, "the calling (UI) thread keeps its priority")
    }
}

/// Carries the worker's id out; the semaphore orders the write before the read.
private final class ThreadIDBox: @unchecked Sendable {
    var value: Int32?
}
