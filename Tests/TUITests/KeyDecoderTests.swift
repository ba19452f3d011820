import CNcurses
import XCTest
@testable import TUI

final class KeyDecoderTests: XCTestCase {
    func testControlCharactersBecomeNamedKeys() {
        XCTAssertEqual(KeyDecoder.decode(.character(0x01)), .control("a"))
        XCTAssertEqual(KeyDecoder.decode(.character(0x1A)), .control("z"))
        XCTAssertEqual(KeyDecoder.decode(.character(0x1F)), .control("_"))
        XCTAssertEqual(KeyDecoder.decode(.character(0x0D)), .enter)
        XCTAssertEqual(KeyDecoder.decode(.character(0x0A)), .enter)
        XCTAssertEqual(KeyDecoder.decode(.character(0x09)), .tab)
        XCTAssertEqual(KeyDecoder.decode(.character(0x7F)), .backspace)
        XCTAssertEqual(KeyDecoder.decode(.character(0x08)), .backspace)
    }

    func testWideCharactersArePrintable() {
        XCTAssertEqual(KeyDecoder.decode(.character(0x7AF9)), .character("竹"))
        XCTAssertEqual(KeyDecoder.decode(.character(0x1F43C)), .character("🐼"))
    }

    func testKeyCodes() {
        XCTAssertEqual(KeyDecoder.decode(.keyCode(KEY_LEFT)), .left)
        XCTAssertEqual(KeyDecoder.decode(.keyCode(KEY_BTAB)), .backTab)
        XCTAssertEqual(KeyDecoder.decode(.keyCode(KEY_DC)), .delete)
        XCTAssertEqual(KeyDecoder.decode(.keyCode(KEY_RESIZE)), .resize)
        XCTAssertEqual(KeyDecoder.decode(.keyCode(cn_key_f(1))), .function(1))
        XCTAssertEqual(KeyDecoder.decode(.keyCode(cn_key_f(12))), .function(12))
        XCTAssertEqual(KeyDecoder.decode(.keyCode(9999)), .unknown(9999))
    }

    func testEscapeFollowedByCharacterIsAlt() {
        let keys = KeyDecoder.decode([.character(0x1B), .character(UInt32(UInt8(ascii: "b"))), .character(UInt32(UInt8(ascii: "x")))])
        XCTAssertEqual(keys, [.alt("b"), .character("x")])
    }

    func testLoneEscapeAndEscapeBeforeKeyCodeStayEscape() {
        XCTAssertEqual(KeyDecoder.decode([.character(0x1B)]), [.escape])
        XCTAssertEqual(KeyDecoder.decode([.character(0x1B), .keyCode(KEY_UP)]), [.escape, .up])
        XCTAssertEqual(KeyDecoder.decode([.character(0x1B), .character(0x1B)]), [.escape, .escape])
    }

    func testLabels() {
        XCTAssertEqual(Key.control("a").label, "Ctrl-A")
        XCTAssertEqual(Key.alt("f").label, "Alt-F")
        XCTAssertEqual(Key.backTab.label, "Shift-Tab")
        XCTAssertEqual(Key.character(" ").label, "Space")
    }
}
