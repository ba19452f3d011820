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

    /// SIGWINCH writes a byte to the loop's pipe (whatever thread takes it) and still reaches the
    /// handler that was there before (ncurses' in the studio).
    func testResizeSignalWakesThePipeAndChainsToThePreviousHandler() throws {
        var previous = sigaction()
        previous.__sigaction_handler.sa_handler = { _ in resizeHandlerCalls += 1 }
        sigemptyset(&previous.sa_mask)
        var saved = sigaction()
        sigaction(SIGWINCH, &previous, &saved)
        TerminalGuard.chainResizeSignal()
        let pipe = try WakePipe()
        TerminalGuard.routeSignals(to: pipe.writeFD)
        defer { TerminalGuard.routeSignals(to: nil) }
        let before = resizeHandlerCalls
        raise(SIGWINCH)
        XCTAssertEqual(pipe.drain(), [UInt8(SIGWINCH)])
        XCTAssertEqual(resizeHandlerCalls, before + 1, "the previous handler still runs")
        raise(SIGWINCH)
        XCTAssertEqual(pipe.drain(), [UInt8(SIGWINCH)], "every resize, not only the first")
    }
}

/// Counts calls of the stand-in for ncurses' SIGWINCH handler.
nonisolated(unsafe) private var resizeHandlerCalls = 0
