import XCTest
@testable import TUI

final class EventLoopTests: XCTestCase {
    func testReportsWhichSourceIsReady() throws {
        let input = try WakePipe(), signals = try WakePipe(), first = try WakePipe(), second = try WakePipe()
        let loop = EventLoop(inputFD: input.readFD, signalFD: signals.readFD, sources: [first.readFD, second.readFD])
        XCTAssertTrue(try loop.wait(timeoutMilliseconds: 0).timedOut)

        second.wake()
        var ready = try loop.wait(timeoutMilliseconds: 100)
        XCTAssertEqual(ready.sources, [1])
        XCTAssertFalse(ready.input)
        _ = second.drain()

        input.wake()
        signals.wake(15)
        ready = try loop.wait(timeoutMilliseconds: 100)
        XCTAssertTrue(ready.input)
        XCTAssertTrue(ready.signal)
        XCTAssertEqual(ready.sources, [])
    }

    func testClosedInputIsReported() throws {
        var fds: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&fds), 0)
        close(fds[1])
        defer { close(fds[0]) }
        let signals = try WakePipe()
        let ready = try EventLoop(inputFD: fds[0], signalFD: signals.readFD, sources: []).wait(timeoutMilliseconds: 100)
        XCTAssertTrue(ready.inputClosed)
        XCTAssertFalse(ready.input)
    }
}
