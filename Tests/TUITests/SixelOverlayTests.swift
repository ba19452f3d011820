import XCTest
@testable import TUI

final class SixelOverlayTests: XCTestCase {
    private func sixel(_ tag: UInt8, x: Int, y: Int, width: Int = 8, height: Int = 4) -> SixelPicture {
        SixelPicture(bytes: [0x1B, UInt8(ascii: "P"), tag, 0x1B, UInt8(ascii: "\\")], area: Rect(x: x, y: y, width: width, height: height))
    }

    func testNewSixelsAreSentAndUnchangedOnesAreNot() {
        var overlay = SixelOverlay()
        let preview = sixel(1, x: 40, y: 1, width: 30, height: 12), thumb = sixel(2, x: 7, y: 20)
        XCTAssertEqual(overlay.update(to: [preview, thumb], resendAll: false), .init(repaintRows: [], send: [preview, thumb]))
        XCTAssertEqual(overlay.update(to: [preview, thumb], resendAll: false), .init(repaintRows: [], send: []),
                       "moving the selection changes no picture: nothing is sent again")
        XCTAssertEqual(overlay.update(to: [preview, thumb], resendAll: true).send, [preview, thumb], "after a full repaint or resize")
    }

    func testChangedPictureInPlaceIsSentWithoutRepaint() {
        var overlay = SixelOverlay()
        _ = overlay.update(to: [sixel(1, x: 7, y: 20)], resendAll: false)
        let next = sixel(2, x: 7, y: 20)
        XCTAssertEqual(overlay.update(to: [next], resendAll: false), .init(repaintRows: [], send: [next]),
                       "the new picture covers the old one's pixels exactly")
    }

    func testScrolledThumbnailsEraseTheirOldRowsAndResendWhatSharesThem() {
        var overlay = SixelOverlay()
        let a = sixel(1, x: 7, y: 2), b = sixel(2, x: 29, y: 2), c = sixel(3, x: 7, y: 8), preview = sixel(9, x: 60, y: 14)
        _ = overlay.update(to: [a, b, c, preview], resendAll: false)
        // The grid scrolled by one tile row: a and b went, c moved up into their place.
        let movedC = sixel(3, x: 7, y: 2), d = sixel(4, x: 7, y: 8)
        let update = overlay.update(to: [movedC, d, preview], resendAll: false)
        XCTAssertEqual(update.repaintRows, [2..<6], "b's place is left empty; c took a's place and d took c's exactly")
        XCTAssertEqual(update.send, [movedC, d], "the preview's rows were not repainted: it stays as it is")
        XCTAssertEqual(overlay.update(to: [movedC, preview], resendAll: false), .init(repaintRows: [8..<12], send: []),
                       "a tile that goes erases its rows")
    }

    func testRepaintedRowsResendSixelsThatStayedThere() {
        var overlay = SixelOverlay()
        let left = sixel(1, x: 7, y: 2), right = sixel(2, x: 29, y: 2)
        _ = overlay.update(to: [left, right], resendAll: false)
        XCTAssertEqual(overlay.update(to: [right], resendAll: false), .init(repaintRows: [2..<6], send: [right]),
                       "curses repaints whole rows, wiping the sixel beside the one that went")
    }

    func testPlacementPutsTheCursorOnTheTopLeftCellAndRestoresIt() {
        let picture = sixel(5, x: 29, y: 7)
        let bytes = SixelOverlay.placementBytes(picture)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("\u{1B}7\u{1B}[8;30H\u{1B}P"), "save, then row 8, column 30 (1-based): \(text.debugDescription)")
        XCTAssertTrue(text.hasSuffix("\u{1B}\\\u{1B}8"), "the sixel's ST, then restore")
        XCTAssertEqual(bytes.count, picture.bytes.count + "\u{1B}7\u{1B}[8;30H".utf8.count + 2)
    }
}
