import Engine
import Media
import XCTest
@testable import Studio

final class GalleryExportDialogTests: XCTestCase {
    func testChoicesWrapForTheFormatAndStopAtTheEndsOtherwise() {
        var dialog = GalleryExportDialog()
        dialog.adjust(by: -1)
        XCTAssertEqual(dialog.format, .gif)
        dialog.moveRow(by: 1)
        for _ in 0..<20 { dialog.adjust(by: 1) }
        XCTAssertEqual(dialog.fps, 30)
        dialog.moveRow(by: 1)
        for _ in 0..<20 { dialog.adjust(by: -1) }
        XCTAssertEqual(dialog.scale, 0.5)
        dialog.moveRow(by: 1)
        dialog.adjust(by: 1)
        dialog.adjust(by: 1)
        XCTAssertEqual(dialog.interpolate, 24)
        XCTAssertNil(dialog.settings.interpolateFPS, "24 is not above 30 fps: no interpolation")
        dialog.moveRow(by: 1)
        XCTAssertEqual(dialog.row, .format)
        XCTAssertEqual(dialog.settings, ExportSettings(format: .gif, fps: 30, scale: 0.5))
        XCTAssertEqual(dialog.lines.map(\.text), ["format  gif", "fps     30", "scale   0.5×", "smooth  off"])
        XCTAssertEqual(dialog.lines.map(\.focused), [true, false, false, false])
    }

    func testInterpolationAboveTheFrameRateIsPassedOn() throws {
        var dialog = GalleryExportDialog()
        dialog.moveRow(by: -1)
        XCTAssertEqual(dialog.row, .interpolate)
        dialog.adjust(by: 2)
        XCTAssertEqual(dialog.settings, ExportSettings(format: .mp4, fps: 8, interpolateFPS: 24))
        XCTAssertEqual(dialog.lines.last?.text, "smooth  to 24 fps")
        XCTAssertNoThrow(try dialog.settings.validate())
    }
}
