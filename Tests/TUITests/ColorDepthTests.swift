import XCTest
@testable import TUI

final class ColorDepthTests: XCTestCase {
    func testFromTerminfoCount() {
        XCTAssertEqual(ColorDepth(terminfoColors: 0), .monochrome)
        XCTAssertEqual(ColorDepth(terminfoColors: 8), .ansi8)
        XCTAssertEqual(ColorDepth(terminfoColors: 16), .ansi16)
        XCTAssertEqual(ColorDepth(terminfoColors: 256), .palette256)
        XCTAssertEqual(ColorDepth(terminfoColors: 0x100_0000), .direct)
    }

    func testColorTermClaims() {
        XCTAssertEqual(ColorDepth.claimed(colorTerm: "truecolor"), .direct)
        XCTAssertEqual(ColorDepth.claimed(colorTerm: "24bit"), .direct)
        XCTAssertNil(ColorDepth.claimed(colorTerm: "yes"))
        XCTAssertNil(ColorDepth.claimed(colorTerm: nil))
    }

    func testNoColor() {
        XCTAssertTrue(ColorDepth.noColorRequested(["NO_COLOR": "1"]))
        XCTAssertFalse(ColorDepth.noColorRequested(["NO_COLOR": ""]))
        XCTAssertFalse(ColorDepth.noColorRequested([:]))
    }

    func testPictureDepthFollowsCOLORTERMWhenCursesHasColour() {
        XCTAssertEqual(ColorDepth.forPictures(curses: .palette256, colorTerm: "truecolor"), .direct)
        XCTAssertEqual(ColorDepth.forPictures(curses: .ansi8, colorTerm: "24bit"), .direct)
        XCTAssertEqual(ColorDepth.forPictures(curses: .palette256, colorTerm: nil), .palette256)
        XCTAssertEqual(ColorDepth.forPictures(curses: .direct, colorTerm: nil), .direct)
        XCTAssertEqual(ColorDepth.forPictures(curses: .monochrome, colorTerm: "truecolor"), .monochrome,
                       "NO_COLOR or a colourless terminal wins over COLORTERM")
    }
}
