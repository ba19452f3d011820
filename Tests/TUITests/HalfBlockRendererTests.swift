import XCTest
@testable import TUI

final class HalfBlockRendererTests: XCTestCase {
    private let red = RGBColor(255, 0, 0), green = RGBColor(0, 255, 0), blue = RGBColor(0, 0, 255), white = RGBColor(255, 255, 255)

    private func image(_ colors: [RGBColor], width: Int) -> RGBImage {
        RGBImage(width: width, height: colors.count / width, pixels: colors.flatMap { [$0.red, $0.green, $0.blue] })!
    }

    func testTwoByTwoMakesOneRowOfTwoCellsTopInForegroundBottomInBackground() {
        let cells = HalfBlockRenderer.render(image([red, green, blue, white], width: 2))
        XCTAssertEqual(cells.columns, 2)
        XCTAssertEqual(cells.rows, 1)
        XCTAssertEqual(cells[0, 0], .init(top: red, bottom: blue))
        XCTAssertEqual(cells[0, 1], .init(top: green, bottom: white))
    }

    func testTwoByTwoColoursAtEachDepth() {
        let cells = HalfBlockRenderer.render(image([red, green, blue, white], width: 2))
        XCTAssertEqual(cells[0, 0].top.terminalColor(depth: .direct), 0xFF0000)
        XCTAssertEqual(cells[0, 0].bottom?.terminalColor(depth: .direct), 0x0000FF)
        // Cube index 16 + 36r + 6g + b: red (5,0,0) = 196, green = 46, blue = 21, white = 231.
        XCTAssertEqual(cells[0, 0].top.terminalColor(depth: .palette256), 196)
        XCTAssertEqual(cells[0, 1].top.terminalColor(depth: .palette256), 46)
        XCTAssertEqual(cells[0, 0].bottom?.terminalColor(depth: .palette256), 21)
        XCTAssertEqual(cells[0, 1].bottom?.terminalColor(depth: .palette256), 231)
    }

    func testQuantisationPicksCubeOrGreyRamp() {
        let cube123: Int32 = 16 + 36 * 1 + 6 * 2 + 3
        XCTAssertEqual(RGBColor(95, 135, 175).terminalColor(depth: .palette256), cube123)
        XCTAssertEqual(RGBColor(100, 130, 180).terminalColor(depth: .palette256), cube123, "nearest cube level per channel")
        XCTAssertEqual(RGBColor(128, 128, 128).terminalColor(depth: .palette256), 244, "grey 128 is ramp step 12 (8 + 10·12)")
        XCTAssertEqual(RGBColor(8, 8, 8).terminalColor(depth: .palette256), 232)
        XCTAssertEqual(RGBColor(0, 0, 0).terminalColor(depth: .palette256), 16)
    }

    func testOddHeightLeavesLastBottomHalfToTheBackground() {
        let cells = HalfBlockRenderer.render(image([red, green, blue], width: 1))
        XCTAssertEqual(cells.rows, 2)
        XCTAssertEqual(cells[0, 0], .init(top: red, bottom: green))
        XCTAssertEqual(cells[1, 0], .init(top: blue, bottom: nil))
    }

    func testFittingKeepsAspectWithCellsTwiceAsTallAsWide() {
        let square = RGBImage(width: 8, height: 8, pixels: [UInt8](repeating: 9, count: 8 * 8 * 3))!
        let cells = HalfBlockRenderer.render(square, fitting: 40, 10)!
        XCTAssertEqual(cells.columns, 20, "10 rows are 20 half-block pixels, so 20 columns keep it square")
        XCTAssertEqual(cells.rows, 10)
        let wide = RGBImage(width: 16, height: 8, pixels: [UInt8](repeating: 9, count: 16 * 8 * 3))!
        let wideCells = HalfBlockRenderer.render(wide, fitting: 20, 20)!
        XCTAssertEqual(wideCells.columns, 20)
        XCTAssertEqual(wideCells.rows, 5)
        XCTAssertNil(HalfBlockRenderer.render(square, fitting: 0, 10))
    }

    /// 2 × 4 px: red green / blue white / orange light grey / dark red black.
    private var twoByFour: RGBImage {
        image([red, green, blue, white, RGBColor(255, 135, 0), RGBColor(190, 190, 190), RGBColor(128, 0, 0), RGBColor(0, 0, 0)],
              width: 2)
    }

    func testTwoByFourGivesTwoRowsOfTwoCells() {
        let cells = HalfBlockRenderer.render(twoByFour)
        XCTAssertEqual(cells.columns, 2)
        XCTAssertEqual(cells.rows, 2)
        XCTAssertEqual(cells[0, 0], .init(top: red, bottom: blue))
        XCTAssertEqual(cells[0, 1], .init(top: green, bottom: white))
        XCTAssertEqual(cells[1, 0], .init(top: RGBColor(255, 135, 0), bottom: RGBColor(128, 0, 0)))
        XCTAssertEqual(cells[1, 1], .init(top: RGBColor(190, 190, 190), bottom: RGBColor(0, 0, 0)))
    }

    /// (foreground, background) colour numbers of every cell, row by row.
    private func numbers(_ cells: HalfBlockImage, _ depth: ColorDepth) -> [[Int32]] {
        (0..<cells.rows).flatMap { row in
            (0..<cells.columns).map { column in
                let cell = cells[row, column]
                return [cell.top.terminalColor(depth: depth), cell.bottom?.terminalColor(depth: depth) ?? -1]
            }
        }
    }

    func testTwoByFourAtEachDepth() {
        let cells = HalfBlockRenderer.render(twoByFour)
        XCTAssertEqual(numbers(cells, .direct), [[0xFF0000, 0x0000FF], [0x00FF00, 0xFFFFFF], [0xFF8700, 0x800000], [0xBEBEBE, 0]])
        // 256: cube 16 + 36r + 6g + b, or the grey ramp; orange is (5,2,0) = 208, dark red (2,0,0) = 88,
        // light grey ramp step 18 (8 + 10·18 = 188) = 250.
        XCTAssertEqual(numbers(cells, .palette256), [[196, 21], [46, 231], [208, 88], [250, 16]])
        // 8 colours stay legible: red, blue, green, white, orange → yellow, dark red → red, light grey → white, black.
        XCTAssertEqual(numbers(cells, .ansi8), [[1, 4], [2, 7], [3, 1], [7, 0]])
    }
}
