import Foundation
import XCTest
@testable import TUI

final class TerminalGuardTests: XCTestCase {
    /// Threads started inside the block inherit a mask that keeps terminal signals off them.
    func testThreadsStartedWithSignalsBlockedInheritTheMask() {
        final class Flag: @unchecked Sendable { var value = false }
        let done = DispatchSemaphore(value: 0)
        let workerBlocksWinch = Flag()
        TerminalGuard.withTerminalSignalsBlocked {
            Thread {
                var mask = sigset_t()
                pthread_sigmask(SIG_BLOCK, nil, &mask)
                workerBlocksWinch.value = sigismember(&mask, SIGWINCH) == 1 && sigismember(&mask, SIGINT) == 1
                done.signal()
            }.start()
        }
        done.wait()
        XCTAssertTrue(workerBlocksWinch.value)
        var mine = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &mine)
        XCTAssertEqual(sigismember(&mine, SIGWINCH), 0, "the calling thread's mask is restored")
    }

    /// A quit signal while a loop listens becomes one byte on its pipe instead of ending the process.
    func testQuitSignalIsRoutedToThePipe() throws {
        TerminalGuard.install()
        let pipe = try WakePipe()
        TerminalGuard.routeSignals(to: pipe.writeFD)
        defer { TerminalGuard.routeSignals(to: nil) }
        raise(SIGHUP)
        XCTAssertEqual(pipe.drain(), [UInt8(SIGHUP)])
    }
}
