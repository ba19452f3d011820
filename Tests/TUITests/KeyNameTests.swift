import XCTest
@testable import TUI

final class KeyNameTests: XCTestCase {
    func testNamesModifiersAndCharacters() {
        XCTAssertEqual(Key(name: "ctrl-g"), .control("g"))
        XCTAssertEqual(Key(name: "Ctrl-G"), .control("g"))
        XCTAssertEqual(Key(name: "alt-x"), .alt("x"))
        XCTAssertEqual(Key(name: "F5"), .function(5))
        XCTAssertEqual(Key(name: "shift-tab"), .backTab)
        XCTAssertEqual(Key(name: "PgDn"), .pageDown)
        XCTAssertEqual(Key(name: "space"), .character(" "))
        XCTAssertEqual(Key(name: "S"), .character("S"), "a lone letter keeps its case")
        XCTAssertEqual(Key(name: "?"), .character("?"))
    }

    func testUnknownNamesAreNil() {
        XCTAssertNil(Key(name: "ctrl-"))
        XCTAssertNil(Key(name: "ctrl-gg"))
        XCTAssertNil(Key(name: "f99"))
        XCTAssertNil(Key(name: "hyper-x"))
        XCTAssertNil(Key(name: ""))
    }
}
