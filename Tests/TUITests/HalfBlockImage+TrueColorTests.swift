import XCTest
@testable import TUI

final class HalfBlockImageTrueColorTests: XCTestCase {
    func testTwoByThreeIsWrittenCellByCellInTwentyFourBit() {
        // 2 × 3 px: the odd last row leaves its bottom halves to the default background.
        let pixels: [UInt8] = [255, 0, 0, 0, 255, 0,
                               0, 0, 255, 255, 255, 255,
                               255, 135, 0, 1, 2, 3]
        let cells = HalfBlockRenderer.render(RGBImage(width: 2, height: 3, pixels: pixels)!)
        let text = String(decoding: cells.trueColorBytes(origin: CellPosition(row: 4, column: 10)), as: UTF8.self)
        XCTAssertEqual(text, "\u{1B}7"
                       + "\u{1B}[5;11H"
                       + "\u{1B}[38;2;255;0;0;48;2;0;0;255m▀" + "\u{1B}[38;2;0;255;0;48;2;255;255;255m▀"
                       + "\u{1B}[6;11H"
                       + "\u{1B}[38;2;255;135;0;49m▀" + "\u{1B}[38;2;1;2;3;49m▀"
                       + "\u{1B}[0m\u{1B}8")
    }
}
