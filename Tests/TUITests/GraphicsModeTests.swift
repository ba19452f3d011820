import XCTest
@testable import TUI

final class GraphicsModeTests: XCTestCase {
    func testRequestWinsThenSixelThenBlocksWhenThereIsColour() {
        XCTAssertEqual(GraphicsMode.resolve(requested: .blocks, terminalHasSixel: true, colorDepth: .direct), .blocks)
        XCTAssertEqual(GraphicsMode.resolve(requested: .sixel, terminalHasSixel: false, colorDepth: .palette256), .sixel)
        XCTAssertEqual(GraphicsMode.resolve(requested: nil, terminalHasSixel: true, colorDepth: .palette256), .sixel)
        XCTAssertEqual(GraphicsMode.resolve(requested: nil, terminalHasSixel: false, colorDepth: .palette256), .blocks)
        XCTAssertEqual(GraphicsMode.resolve(requested: nil, terminalHasSixel: false, colorDepth: .monochrome), GraphicsMode.none)
        XCTAssertEqual(GraphicsMode(rawValue: "blocks"), .blocks)
        XCTAssertNil(GraphicsMode(rawValue: "kitty"))
    }
}
