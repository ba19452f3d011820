import XCTest
@testable import TUI

final class ProbeRepliesTests: XCTestCase {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    func testDA1WithSixel() {
        let replies = ProbeReplies.parse(bytes("\u{1B}[?62;4;6;22c"))
        XCTAssertEqual(replies.deviceAttributes, [62, 4, 6, 22])
        XCTAssertTrue(replies.supportsSixel)
    }

    func testDA1WithoutSixelDropsGraphicsReplies() {
        let replies = ProbeReplies.parse(bytes("\u{1B}[?1;0;256S\u{1B}[?2;0;1000;1000S\u{1B}[?1;2c"))
        XCTAssertEqual(replies.deviceAttributes, [1, 2])
        XCTAssertFalse(replies.supportsSixel)
        XCTAssertNil(replies.colorRegisters)
        XCTAssertNil(replies.sixelMaxGeometry)
    }

    func testAttribute4MustBeAWholeNumber() {
        XCTAssertFalse(ProbeReplies.parse(bytes("\u{1B}[?64;14;44c")).supportsSixel)
    }

    func testXTSMGRAPHICSRepliesWithSixel() {
        let replies = ProbeReplies.parse(bytes("\u{1B}[?1;0;1024S\u{1B}[?2;0;2560;1600S\u{1B}[?65;4c"))
        XCTAssertEqual(replies.colorRegisters, 1024)
        XCTAssertEqual(replies.sixelMaxGeometry, ProbeReplies.PixelSize(width: 2560, height: 1600))
    }

    func testXTSMGRAPHICSFailureStatusIsIgnored() {
        let replies = ProbeReplies.parse(bytes("\u{1B}[?1;3;0S\u{1B}[?2;1;0;0S\u{1B}[?62;4c"))
        XCTAssertNil(replies.colorRegisters)
        XCTAssertNil(replies.sixelMaxGeometry)
    }

    func testWindowOpsReplies() {
        let replies = ProbeReplies.parse(bytes("\u{1B}[6;20;10t\u{1B}[4;800;1200t\u{1B}[8;40;120t\u{1B}[?1;2c"))
        XCTAssertEqual(replies.cellPixels, ProbeReplies.PixelSize(width: 10, height: 20))
        XCTAssertEqual(replies.textAreaPixels, ProbeReplies.PixelSize(width: 1200, height: 800))
        XCTAssertEqual(replies.textAreaCells, TerminalSize(rows: 40, columns: 120))
    }

    func testZeroSizesAreIgnored() {
        XCTAssertNil(ProbeReplies.parse(bytes("\u{1B}[6;0;0t")).cellPixels)
    }

    func testEightBitCSIAndNoiseAroundReplies() {
        var input: [UInt8] = bytes("typed")
        input += [0x9B] + bytes("6;16;8t")
        input += bytes("\u{1B}]11;rgb:0000/0000/0000\u{07}")  // an OSC reply we do not parse
        input += bytes("\u{1B}[?62;4c")
        let replies = ProbeReplies.parse(input)
        XCTAssertEqual(replies.cellPixels, ProbeReplies.PixelSize(width: 8, height: 16))
        XCTAssertTrue(replies.supportsSixel)
    }

    func testCutOffSequenceIsNotAReply() {
        XCTAssertFalse(ProbeReplies.containsDeviceAttributes(bytes("\u{1B}[?62;4")))
        XCTAssertTrue(ProbeReplies.containsDeviceAttributes(bytes("\u{1B}[6;20;10t\u{1B}[?62;4c")))
        XCTAssertNil(ProbeReplies.parse(bytes("\u{1B}[?62;4")).deviceAttributes)
    }

    // MARK: replies recorded from real terminals to `TerminalProbe.query`

    /// What one terminal sent back, and what the studio should make of it.
    private struct Recorded {
        var terminal: String
        var reply: String
        var sixel: Bool
        var registers: Int?
        var maxGeometry: ProbeReplies.PixelSize?
        var cellPixels: ProbeReplies.PixelSize?
    }

    private let recorded: [Recorded] = [
        // XTerm 379 started as `xterm -ti vt340`, recorded under Xvfb on this project's build machine with the
        // exact query burst; window ops are off by default (allowWindowOps), so 16t/14t/18t go unanswered.
        Recorded(terminal: "xterm -ti vt340",
                 reply: "\u{1B}[?1;0;1024S\u{1B}[?2;0;1000;1000S\u{1B}[?63;1;2;4;6;9;15;16;22;28c",
                 sixel: true, registers: 1024, maxGeometry: .init(width: 1000, height: 1000), cellPixels: nil),
        // The same XTerm 379 without -ti: VT420 attributes, no 4, and XTSMGRAPHICS answers failure (status 3).
        Recorded(terminal: "xterm (default VT420)",
                 reply: "\u{1B}[?1;3S\u{1B}[?2;3S\u{1B}[?64;1;2;6;9;15;16;17;18;21;22;28c",
                 sixel: false, registers: nil, maxGeometry: nil, cellPixels: nil),
        // foot 1.16.2: DA1 and 6×16 px cells as recorded by jquast/ucs-detect (data/linux-foot-1.16.2.yaml);
        // XTSMGRAPHICS values are foot's limits (sixel.h: SIXEL_MAX_COLORS 1024, SIXEL_MAX_WIDTH/HEIGHT 10000).
        Recorded(terminal: "foot",
                 reply: "\u{1B}[?1;0;1024S\u{1B}[?2;0;10000;10000S\u{1B}[6;16;6t\u{1B}[4;784;1200t\u{1B}[8;49;200t\u{1B}[?62;4;22c",
                 sixel: true, registers: 1024, maxGeometry: .init(width: 10000, height: 10000),
                 cellPixels: .init(width: 6, height: 16)),
        // WezTerm 20251025: DA1 and 10×22 px cells from ucs-detect (data/linux-wezterm-20251025-070338-b6e75fd7.yaml);
        // its XTSMGRAPHICS handler answers 65536 registers and the window's pixel size (wezterm term/src/terminalstate).
        Recorded(terminal: "WezTerm",
                 reply: "\u{1B}[?1;0;65536S\u{1B}[?2;0;1600;1056S\u{1B}[6;22;10t\u{1B}[4;1056;1600t\u{1B}[8;48;160t\u{1B}[?65;4;6;18;22;52c",
                 sixel: true, registers: 65536, maxGeometry: .init(width: 1600, height: 1056),
                 cellPixels: .init(width: 10, height: 22)),
        // mlterm 3.9: DA1 as listed by ucs-detect's terminal table and finalcut's FTermDetection; no XTSMGRAPHICS,
        // the text area only through CSI 14 t.
        Recorded(terminal: "mlterm",
                 reply: "\u{1B}[4;480;640t\u{1B}[?63;1;2;3;4;7;29c",
                 sixel: true, registers: nil, maxGeometry: nil, cellPixels: nil),
        // tmux 3.3a (Debian's, built without sixel), recorded here in a 100×30 pane: VT100 attributes only, and its
        // CSI 18 t answer has columns and rows swapped.
        Recorded(terminal: "tmux without sixel",
                 reply: "\u{1B}[8;100;30t\u{1B}[?1;2c",
                 sixel: false, registers: nil, maxGeometry: nil, cellPixels: nil),
        // tmux 3.4 built with sixel: DA1 from ucs-detect (data/linux-tmux-3.4.yaml, 160×41 cells of 9×20 px);
        // XTSMGRAPHICS as tmux's input.c answers it (1024 registers, the pane's size in pixels).
        Recorded(terminal: "tmux with sixel",
                 reply: "\u{1B}[?1;0;1024S\u{1B}[?2;0;1440;820S\u{1B}[?1;2;4c",
                 sixel: true, registers: 1024, maxGeometry: .init(width: 1440, height: 820), cellPixels: nil),
    ]

    func testRecordedRepliesOfRealTerminals() {
        for terminal in recorded {
            let bytes = bytes(terminal.reply)
            XCTAssertTrue(ProbeReplies.containsDeviceAttributes(bytes), terminal.terminal)
            let replies = ProbeReplies.parse(bytes)
            XCTAssertEqual(replies.supportsSixel, terminal.sixel, terminal.terminal)
            XCTAssertEqual(replies.colorRegisters, terminal.registers, terminal.terminal)
            XCTAssertEqual(replies.sixelMaxGeometry, terminal.maxGeometry, terminal.terminal)
            XCTAssertEqual(replies.cellPixels, terminal.cellPixels, terminal.terminal)
            XCTAssertEqual(GraphicsMode.resolve(requested: nil, terminalHasSixel: replies.supportsSixel, colorDepth: .palette256),
                           terminal.sixel ? .sixel : .blocks, terminal.terminal)
        }
    }

    func testRecordedRepliesArrivingInPieces() {
        // A terminal's answer can arrive split across reads; only the complete DA1 ends the wait.
        let whole = bytes(recorded[0].reply)
        let cut = whole.count - 3
        XCTAssertFalse(ProbeReplies.containsDeviceAttributes(Array(whole[..<cut])))
        XCTAssertEqual(ProbeReplies.parse(Array(whole[..<cut])).colorRegisters, nil, "no DA1 yet, so no sixel facts")
        XCTAssertEqual(ProbeReplies.parse(whole).colorRegisters, 1024)
    }

    func testQueryEndsWithDA1() {
        XCTAssertTrue(TerminalProbe.query.hasSuffix("\u{1B}[c"))
        XCTAssertTrue(TerminalProbe.query.contains("\u{1B}[16t"))
        XCTAssertTrue(TerminalProbe.query.contains("\u{1B}[?1;1;0S"))
    }
}
