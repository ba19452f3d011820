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

    func testQueryEndsWithDA1() {
        XCTAssertTrue(TerminalProbe.query.hasSuffix("\u{1B}[c"))
        XCTAssertTrue(TerminalProbe.query.contains("\u{1B}[16t"))
        XCTAssertTrue(TerminalProbe.query.contains("\u{1B}[?1;1;0S"))
    }
}
