import Foundation
import XCTest
@testable import TUI

/// Runs the probe against a pseudo-terminal whose other end plays the terminal emulator.
final class TerminalProbeTests: XCTestCase {
    private func withPTY(_ body: (_ terminal: Int32, _ emulator: Int32) throws -> Void) throws {
        var emulator: Int32 = -1, terminal: Int32 = -1
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&emulator, &terminal, nil, nil, &size) == 0 else { throw XCTSkip("openpty is not available") }
        defer {
            close(emulator)
            close(terminal)
        }
        try body(terminal, emulator)
    }

    /// Answers the query like a sixel terminal, once it has seen the DA1 request.
    private func answer(on emulator: Int32, with reply: String) -> Thread {
        let thread = Thread {
            var seen: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 256)
            while !seen.suffix(3).elementsEqual(Array("\u{1B}[c".utf8)) {
                let n = read(emulator, &buffer, buffer.count)
                if n <= 0 { return }
                seen += buffer[0..<n]
            }
            _ = reply.withCString { write(emulator, $0, strlen($0)) }
        }
        thread.start()
        return thread
    }

    func testReadsRepliesAndRestoresTheTTY() throws {
        try withPTY { terminal, emulator in
            var before = termios()
            tcgetattr(terminal, &before)
            _ = answer(on: emulator, with: "\u{1B}[?1;0;256S\u{1B}[6;20;10t\u{1B}[?62;4;22c")
            let result = try XCTUnwrap(TerminalProbe.run(fd: terminal, timeoutMilliseconds: 2000))
            XCTAssertFalse(result.timedOut)
            XCTAssertTrue(result.replies.supportsSixel)
            XCTAssertEqual(result.replies.colorRegisters, 256)
            XCTAssertEqual(result.size, TerminalSize(rows: 30, columns: 100))
            XCTAssertEqual(result.cellPixels, CellPixelSize(width: 10, height: 20, source: .cellQuery))
            var after = termios()
            tcgetattr(terminal, &after)
            XCTAssertEqual(after.c_lflag, before.c_lflag, "canonical mode and echo are back")
        }
    }

    func testSilentTerminalTimesOutQuickly() throws {
        try withPTY { terminal, _ in
            let result = try XCTUnwrap(TerminalProbe.run(fd: terminal, timeoutMilliseconds: 150))
            XCTAssertTrue(result.timedOut)
            XCTAssertNil(result.replies.deviceAttributes)
            XCTAssertGreaterThanOrEqual(result.elapsedMilliseconds, 140)
            XCTAssertLessThan(result.elapsedMilliseconds, 1000)
        }
    }

    func testNotATerminal() {
        var fds: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&fds), 0)
        defer { fds.forEach { close($0) } }
        XCTAssertNil(TerminalProbe.run(fd: fds[0]))
    }
}
