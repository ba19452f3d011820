import TUI
import XCTest
@testable import Studio

final class GraphicsSetupTests: XCTestCase {
    private func probe(_ reply: String, timedOut: Bool = false) -> TerminalProbe.Result {
        TerminalProbe.Result(size: TerminalSize(rows: 30, columns: 100), windowPixels: nil,
                             replies: ProbeReplies.parse(Array(reply.utf8)), timedOut: timedOut, elapsedMilliseconds: 5)
    }

    func testSilentTerminalFallsBackToHalfBlocks() {
        let setup = GraphicsSetup(requested: nil, probe: probe("", timedOut: true))
        XCTAssertEqual(setup.mode(colorDepth: .palette256), .blocks)
        XCTAssertEqual(setup.mode(colorDepth: .monochrome), .none)
        XCTAssertEqual(setup.colorRegisters, 256)
        XCTAssertNil(setup.sixelMaxPixels)
    }

    func testSixelTerminalGivesItsRegistersAndMaximum() {
        // XTerm 379 as `xterm -ti vt340`, recorded under Xvfb (see ProbeRepliesTests).
        let setup = GraphicsSetup(requested: nil, probe: probe(
            "\u{1B}[?1;0;1024S\u{1B}[?2;0;1000;1000S\u{1B}[?63;1;2;4;6;9;15;16;22;28c"))
        XCTAssertEqual(setup.mode(colorDepth: .palette256), .sixel)
        XCTAssertEqual(setup.colorRegisters, 256, "libsixel's palette holds at most 256")
        XCTAssertEqual(setup.sixelMaxPixels, ProbeReplies.PixelSize(width: 1000, height: 1000))
    }

    func testSmallRegisterCountIsKept() {
        let setup = GraphicsSetup(requested: nil, probe: probe("\u{1B}[?1;0;16S\u{1B}[?62;4c"))
        XCTAssertEqual(setup.colorRegisters, 16)
    }

    func testTmuxWithoutSixelGetsHalfBlocksAndFlagsWin() {
        // tmux 3.3a, recorded: VT100 attributes only.
        let tmux = probe("\u{1B}[8;100;30t\u{1B}[?1;2c")
        XCTAssertEqual(GraphicsSetup(requested: nil, probe: tmux).mode(colorDepth: .direct), .blocks)
        XCTAssertEqual(GraphicsSetup(requested: .sixel, probe: tmux).mode(colorDepth: .direct), .sixel)
        XCTAssertEqual(GraphicsSetup(requested: GraphicsMode.none, probe: tmux).mode(colorDepth: .direct), .none)
    }

    func testSummaryNamesTheHalfBlockDepth() {
        let setup = GraphicsSetup(requested: nil, probe: nil)
        XCTAssertEqual(setup.summary(mode: .blocks, colorDepth: .palette256, colorTerm: "truecolor", cellPixels: nil),
                       ["pictures: half blocks, 24-bit colour (COLORTERM)"])
        XCTAssertEqual(setup.summary(mode: .blocks, colorDepth: .palette256, colorTerm: nil, cellPixels: nil),
                       ["pictures: half blocks, 256 colours"])
        XCTAssertEqual(setup.summary(mode: .blocks, colorDepth: .ansi8, colorTerm: "xterm", cellPixels: nil),
                       ["pictures: half blocks, 8 colours"])
    }
}
