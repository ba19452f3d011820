import XCTest
@testable import TUI

final class ThemeColorTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(ThemeColor(parsing: "#FF8000"), .rgb(red: 255, green: 128, blue: 0))
        XCTAssertEqual(ThemeColor(parsing: "default"), .terminalDefault)
        XCTAssertNil(ThemeColor(parsing: "#ff800"))
        XCTAssertNil(ThemeColor(parsing: "ff8000"))
        XCTAssertNil(ThemeColor(parsing: "#gg8000"))
        XCTAssertEqual(ThemeColor.rgb(red: 1, green: 0xab, blue: 0xff).description, "#01abff")
    }

    func testXterm256Mapping() {
        XCTAssertEqual(ThemeColor.rgb(red: 255, green: 0, blue: 0).terminalColor(depth: .palette256), 196)
        XCTAssertEqual(ThemeColor.rgb(red: 0, green: 0, blue: 0).terminalColor(depth: .palette256), 16)
        XCTAssertEqual(ThemeColor.rgb(red: 0x5f, green: 0xaf, blue: 0xff).terminalColor(depth: .palette256), 75)
        XCTAssertEqual(ThemeColor.rgb(red: 0x80, green: 0x80, blue: 0x80).terminalColor(depth: .palette256), 244,
                       "mid grey is closer to the grey ramp than to the cube")
    }

    func testOtherDepths() {
        let orange = ThemeColor.rgb(red: 0xff, green: 0x80, blue: 0x00)
        XCTAssertEqual(orange.terminalColor(depth: .direct), 0xff8000)
        XCTAssertEqual(ThemeColor.rgb(red: 200, green: 10, blue: 10).terminalColor(depth: .ansi8), 1)
        XCTAssertEqual(ThemeColor.rgb(red: 250, green: 250, blue: 250).terminalColor(depth: .ansi16), 15)
        XCTAssertEqual(orange.terminalColor(depth: .monochrome), -1)
        XCTAssertEqual(ThemeColor.terminalDefault.terminalColor(depth: .palette256), -1)
    }

    func testTextStaysReadableOnItsBackgroundWithEightColours() {
        let paper = ThemeColor.rgb(red: 0xfa, green: 0xfa, blue: 0xfa)
        let grey = ThemeColor.rgb(red: 0xc0, green: 0xc0, blue: 0xc0)
        XCTAssertEqual(grey.terminalColor(depth: .ansi8), 7, "plain nearest: white, the paper's own colour")
        XCTAssertEqual(grey.terminalColor(depth: .ansi8, on: paper), 0, "a grey stays a grey: black on white")
        let amber = ThemeColor.rgb(red: 0x9a, green: 0x67, blue: 0x00)
        XCTAssertEqual(amber.terminalColor(depth: .ansi8, on: paper), 1, "yellow would not read on white; red does")
        XCTAssertEqual(grey.terminalColor(depth: .ansi16, on: paper), 8, "16 colours have a grey that reads on white")
        XCTAssertEqual(grey.terminalColor(depth: .palette256, on: paper), grey.terminalColor(depth: .palette256))
        XCTAssertEqual(grey.terminalColor(depth: .ansi8, on: .terminalDefault), 7, "an unknown background changes nothing")
    }
}
