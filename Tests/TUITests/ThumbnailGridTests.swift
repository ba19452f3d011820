import XCTest
@testable import TUI

final class ThumbnailGridTests: XCTestCase {
    private func tiles(_ count: Int, picture: RGBImage? = nil) -> [ThumbnailGrid.Tile] {
        (0..<count).map { ThumbnailGrid.Tile(title: "#\($0)", detail: "d\($0)", picture: picture) }
    }

    func testColumnsFollowTheWidth() {
        XCTAssertEqual(ThumbnailGrid.columns(width: 10), 1)
        XCTAssertEqual(ThumbnailGrid.columns(width: 21), 1)
        XCTAssertEqual(ThumbnailGrid.columns(width: 43), 2)
        XCTAssertEqual(ThumbnailGrid.columns(width: 46), 2)
        XCTAssertEqual(ThumbnailGrid.columns(width: 65), 3)
    }

    func testScrollsByRowsToKeepTheSelectionInView() {
        let area = Rect(x: 1, y: 1, width: 44, height: 13)
        XCTAssertEqual(ThumbnailGrid.visibleTiles(count: 7, selected: 0, in: area).map(\.index), [0, 1, 2, 3])
        let scrolled = ThumbnailGrid.visibleTiles(count: 7, selected: 6, in: area)
        XCTAssertEqual(scrolled.map(\.index), [4, 5, 6])
        XCTAssertEqual(scrolled.first?.rect, Rect(x: 1, y: 1, width: 21, height: 6))
        XCTAssertEqual(scrolled.last?.rect, Rect(x: 1, y: 7, width: 21, height: 6))
    }

    func testShortAreaShowsCaptionsOnly() {
        var canvas = Canvas(size: TerminalSize(rows: 5, columns: 50))
        let pictures = ThumbnailGrid.draw(tiles(3, picture: RGBImage(width: 2, height: 2, pixels: [UInt8](repeating: 9, count: 12))),
                                          selected: 2, focused: true, emptyMessage: "", showPictures: true,
                                          on: &canvas, in: Rect(x: 0, y: 0, width: 50, height: 3))
        XCTAssertEqual(pictures, [], "no room for pictures in three rows")
        XCTAssertTrue(canvas.text(row: 0).contains("▸ #2"), canvas.text)
        XCTAssertTrue(canvas.text(row: 1).contains("d2"))
    }

    func testPicturesAreCentredAboveTheCaptionsAndPlaceholdersWithout() {
        var canvas = Canvas(size: TerminalSize(rows: 8, columns: 50))
        let picture = RGBImage(width: 4, height: 4, pixels: [UInt8](repeating: 9, count: 48))
        let grid = [ThumbnailGrid.Tile(title: "#a", detail: "done", picture: picture), ThumbnailGrid.Tile(title: "#b", detail: "queued")]
        let slots = ThumbnailGrid.draw(grid, selected: 0, focused: false, emptyMessage: "", showPictures: true,
                                       on: &canvas, in: Rect(x: 0, y: 0, width: 50, height: 6))
        XCTAssertEqual(slots.count, 1)
        XCTAssertEqual(slots.first?.area, Rect(x: 1, y: 0, width: 19, height: 4), "the picture rows inside the frame's columns")
        XCTAssertEqual(slots.first?.picture, picture)
        let placed = ThumbnailPainter().images(for: slots, settings: .init(mode: .blocks, cellPixels: nil))
        XCTAssertEqual(placed.first?.area, Rect(x: 6, y: 0, width: 8, height: 4), "4×4 pixels grow to fill the 4 picture rows, centred")
        XCTAssertEqual(canvas.text(row: 2).filter { $0 == "·" }.count, 1, "the tile without a picture gets a placeholder")
        XCTAssertTrue(canvas.text(row: 4).contains("▸ #a") && canvas.text(row: 4).contains("  #b"))
    }

    func testSelectedTileIsFramedBesideItsPictureRows() {
        var canvas = Canvas(size: TerminalSize(rows: 8, columns: 50))
        ThumbnailGrid.draw(tiles(2), selected: 1, focused: true, emptyMessage: "", showPictures: true,
                           on: &canvas, in: Rect(x: 0, y: 0, width: 50, height: 6))
        for row in 0..<ThumbnailGrid.pictureRows {
            XCTAssertEqual(canvas[row, 22].character, "▐", "left side of the second tile, row \(row)")
            XCTAssertEqual(canvas[row, 42].character, "▌", "right side, row \(row)")
            XCTAssertEqual(canvas[row, 22].style, .borderFocused)
            XCTAssertEqual(canvas[row, 0].character, " ", "the unselected tile has no frame")
        }
        XCTAssertEqual(canvas[4, 22].style, .selected, "the caption row closes the frame below")
    }

    func testSlotsCarryTheTilesPictureID() {
        var canvas = Canvas(size: TerminalSize(rows: 8, columns: 50))
        let picture = RGBImage(width: 2, height: 2, pixels: [UInt8](repeating: 9, count: 12))
        let tile = ThumbnailGrid.Tile(title: "#7", detail: "done", picture: picture, pictureID: 7)
        let slots = ThumbnailGrid.draw([tile], selected: nil, focused: false, emptyMessage: "", showPictures: false,
                                       on: &canvas, in: Rect(x: 0, y: 0, width: 50, height: 6))
        XCTAssertEqual(slots, [], "pictures off: no slots")
        let shown = ThumbnailGrid.draw([tile], selected: nil, focused: false, emptyMessage: "", showPictures: true,
                                       on: &canvas, in: Rect(x: 0, y: 0, width: 50, height: 6))
        XCTAssertEqual(shown.map(\.id), [7])
    }

    func testEmptyGridSaysSo() {
        var canvas = Canvas(size: TerminalSize(rows: 3, columns: 30))
        ThumbnailGrid.draw([], selected: nil, focused: false, emptyMessage: "no jobs yet", showPictures: true,
                           on: &canvas, in: Rect(x: 0, y: 0, width: 30, height: 3))
        XCTAssertTrue(canvas.text(row: 0).hasPrefix("no jobs yet"))
    }
}
