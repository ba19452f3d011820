import XCTest
@testable import TUI

final class ClipPainterTests: XCTestCase {
    private let frames = (0..<3).map { f in
        RGBImage(width: 32, height: 32, pixels: (0..<(32 * 32 * 3)).map { UInt8(($0 * 7 + f * 50) & 0xFF) })!
    }

    func testBlocksAreCentredInTheArea() {
        let painter = ClipPainter()
        let area = Rect(x: 10, y: 2, width: 40, height: 10)
        let image = painter.image(clipKey: 1, frames: frames, index: 0, target: .init(mode: .blocks, area: area, cellPixels: nil))
        guard case .halfBlocks(let cells, let origin)? = image else { return XCTFail("expected half blocks") }
        XCTAssertEqual(cells.columns, 20)
        XCTAssertEqual(cells.rows, 10)
        XCTAssertEqual(origin, CellPosition(row: 2, column: 20))
    }

    func testSixelStaysInsideTheAreaAndIsCachedPerFrame() throws {
        let painter = ClipPainter()
        let area = Rect(x: 5, y: 1, width: 30, height: 12)
        let target = ClipPainter.Target(mode: .sixel, area: area,
                                        cellPixels: CellPixelSize(width: 9, height: 17, source: .cellQuery))
        let image = try XCTUnwrap(painter.image(clipKey: "clip", frames: frames, index: 1, target: target))
        guard case .sixel(let picture) = image else { return XCTFail("expected sixel") }
        XCTAssertGreaterThanOrEqual(picture.area.y, area.y)
        XCTAssertLessThanOrEqual(picture.area.maxY, area.maxY, "12 rows × 17 px = 204 px: the picture is 204 px tall")
        XCTAssertLessThanOrEqual(picture.area.maxX, area.maxX)
        XCTAssertTrue(String(decoding: picture.bytes, as: UTF8.self).contains("\"1;1;204;204"))
        let again = painter.image(clipKey: "clip", frames: frames, index: 1, target: target)
        XCTAssertEqual(again, image)
        XCTAssertNil(painter.lastError)
    }

    func testNoneDrawsNothing() {
        let painter = ClipPainter()
        XCTAssertNil(painter.image(clipKey: 1, frames: frames, index: 0,
                                   target: .init(mode: .none, area: Rect(x: 0, y: 0, width: 10, height: 10), cellPixels: nil)))
        XCTAssertNil(painter.image(clipKey: 1, frames: frames, index: 7,
                                   target: .init(mode: .blocks, area: Rect(x: 0, y: 0, width: 10, height: 10), cellPixels: nil)))
    }
}
