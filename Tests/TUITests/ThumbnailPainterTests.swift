import Foundation
import XCTest
@testable import TUI

final class ThumbnailPainterTests: XCTestCase {
    /// 10 × 20 px cells: a 19 × 4 cell picture area is 190 × 80 px, so a square thumbnail is drawn at 80 × 80.
    private let cell = CellPixelSize(width: 10, height: 20, source: .cellQuery)
    private var sixel: ThumbnailPainter.Settings { .init(mode: .sixel, cellPixels: cell) }

    private func tiles(_ pictures: [RGBImage]) -> [ThumbnailGrid.Tile] {
        pictures.enumerated().map { ThumbnailGrid.Tile(title: "#\($0.offset)", detail: "done", picture: $0.element, pictureID: $0.offset) }
    }

    private func slots(_ pictures: [RGBImage], selected: Int = 0, in area: Rect = Rect(x: 1, y: 1, width: 65, height: 13))
        -> [ThumbnailPainter.Slot] {
        var canvas = Canvas(size: TerminalSize(rows: 30, columns: 80))
        return ThumbnailGrid.draw(tiles(pictures), selected: selected, focused: true, emptyMessage: "", showPictures: true,
                                  on: &canvas, in: area)
    }

    private let cards = (0..<4).map { TestCard.make(width: 96, height: 96, phase: $0 * 3) }

    func testSixelThumbnailDecodesCloseToTheSourceAtThumbnailSize() throws {
        // PSNR ≥ 30 dB against the source scaled to the thumbnail's pixels, as for the preview pane.
        for source in [TestCard.make(width: 96, height: 96), TestCard.make(width: 32, height: 32, phase: 2)] {
            let images = ThumbnailPainter().images(for: slots([source]), settings: sixel)
            guard case .sixel(let picture)? = images.first else { return XCTFail("expected a sixel") }
            let decoded = try SixelDecoder.decode(picture.bytes)
            XCTAssertEqual([decoded.width, decoded.height], [80, 80], "4 rows of 20 px")
            let psnr = TestCard.psnr(ImageScaler.scaleSmooth(source, toWidth: 80, height: 80), decoded)
            XCTAssertGreaterThanOrEqual(psnr, 30, "\(source.width) px source: PSNR \(psnr) dB")
        }
    }

    func testEachSixelIsWrittenAtItsTilesCell() throws {
        // Three tiles a row (22 columns apart) from column 1, two rows of tiles (6 rows apart) from row 1.
        let images = ThumbnailPainter().images(for: slots(cards), settings: sixel)
        XCTAssertEqual(images.count, 4)
        var placements: [String] = []
        for image in images {
            guard case .sixel(let picture) = image else { return XCTFail("expected sixels") }
            XCTAssertEqual([picture.area.width, picture.area.height], [8, 4], "80 × 80 px in 10 × 20 px cells")
            let text = String(decoding: SixelOverlay.placementBytes(picture), as: UTF8.self)
            // ESC 7 (save), ESC [ row ; column H, then the sixel's own ESC P.
            let save = "\u{1B}7\u{1B}["
            XCTAssertTrue(text.hasPrefix(save), text.prefix(20).debugDescription)
            let position = try XCTUnwrap(text.dropFirst(save.count).split(separator: "H", maxSplits: 1).first)
            XCTAssertTrue(text.dropFirst(save.count + position.count + 1).hasPrefix("\u{1B}P"))
            placements.append(String(position))
        }
        // Picture area: the tile's columns 1…19 (the frame's outside); 8 columns centred there start 5 further in;
        // cursor positions are 1-based.
        XCTAssertEqual(placements, ["2;8", "2;30", "2;52", "8;8"])
    }

    func testTerminalWithoutSixelGetsHalfBlocks() {
        let mode = GraphicsMode.resolve(requested: nil, terminalHasSixel: false, colorDepth: .direct)
        let painter = ThumbnailPainter()
        let images = painter.images(for: slots(cards), settings: .init(mode: mode, cellPixels: cell))
        XCTAssertEqual(images.count, 4)
        for (image, slot) in zip(images, slots(cards)) {
            guard case .halfBlocks(let blocks, let origin) = image else { return XCTFail("expected half blocks, got \(image)") }
            XCTAssertEqual([blocks.columns, blocks.rows], [8, 4], "96 px shrink to 8 × 8 half-block pixels")
            XCTAssertEqual(origin, CellPosition(row: slot.area.y, column: slot.area.x + 5))
        }
        XCTAssertEqual(painter.encodeCount, 0)
        XCTAssertEqual(painter.images(for: slots(cards), settings: .init(mode: .none, cellPixels: cell)), [], "none: parameters only")
    }

    func testCachedSixelsAreNotEncodedAgainWhenTheSelectionMovesOrTheGridScrolls() throws {
        let painter = ThumbnailPainter()
        let first = painter.images(for: slots(cards, selected: 0), settings: sixel)
        XCTAssertEqual(painter.encodeCount, 4)
        XCTAssertEqual(painter.images(for: slots(cards, selected: 2), settings: sixel), first, "selection moved")
        XCTAssertEqual(painter.encodeCount, 4)
        // A grid one tile row tall shows the selected tile's row only: the fourth card moves to the top row.
        let scrolled = painter.images(for: slots(cards, selected: 3, in: Rect(x: 1, y: 1, width: 65, height: 6)), settings: sixel)
        XCTAssertEqual(painter.encodeCount, 4, "scrolling places the same bytes elsewhere")
        guard case .sixel(let moved)? = scrolled.first, case .sixel(let before)? = first.last else { return XCTFail("expected sixels") }
        XCTAssertEqual(moved.bytes, before.bytes)
        XCTAssertEqual(moved.area.y, 1)
        var changed = cards
        changed[1] = TestCard.make(width: 96, height: 96, phase: 5)
        _ = painter.images(for: slots(changed), settings: sixel)
        XCTAssertEqual(painter.encodeCount, 5, "only the picture that changed is encoded")
        var bigger = sixel
        bigger.cellPixels = CellPixelSize(width: 12, height: 24, source: .windowSize)
        _ = painter.images(for: slots(changed), settings: bigger)
        XCTAssertEqual(painter.encodeCount, 9, "a new cell size (font or resize) needs new pixels")
        XCTAssertNil(painter.lastError)
    }

    func testBackgroundEncodingKeepsThePreviousPictureOfTheSameTileUntilTheNextIsReady() throws {
        let ready = expectation(description: "both thumbnails encoded")
        ready.expectedFulfillmentCount = 2
        ready.assertForOverFulfill = false
        let onUIThread = LockedFlag()
        let painter = ThumbnailPainter(onPictureReady: {
            if Thread.isMainThread { onUIThread.set() }
            ready.fulfill()
        })
        let two = Array(cards.prefix(2))
        XCTAssertEqual(painter.images(for: slots(two), settings: sixel), [], "nothing encoded yet")
        // Each call takes what is ready and starts the next picture: one at a time.
        let deadline = Date().addingTimeInterval(30)
        var shown: [TerminalImage] = []
        while shown.count < 2, Date() < deadline {
            shown = painter.images(for: slots(two), settings: sixel)
            if shown.count < 2 { Thread.sleep(forTimeInterval: 0.01) }
        }
        wait(for: [ready], timeout: 1)
        XCTAssertFalse(onUIThread.value, "encoded on another thread")
        XCTAssertEqual(shown, ThumbnailPainter().images(for: slots(two), settings: sixel), "the same bytes as the direct path")
        var next = two
        next[0] = TestCard.make(width: 96, height: 96, phase: 7)
        let whileEncoding = painter.images(for: slots(next), settings: sixel)
        XCTAssertEqual(whileEncoding.count, 2, "tile 0 keeps its previous picture instead of going blank")
        XCTAssertEqual(painter.encodeCount, 3)
    }
}

/// A flag set from another thread.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}
