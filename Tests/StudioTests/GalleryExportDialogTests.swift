import Engine
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
        XCTAssertEqual(dialog.row, .format)
        XCTAssertEqual(dialog.settings, ExportSettings(format: .gif, fps: 30, scale: 0.5))
        XCTAssertEqual(dialog.lines.map(\.text), ["format  gif", "fps     30", "scale   0.5×"])
        XCTAssertEqual(dialog.lines.map(\.focused), [true, false, false])
    }
}
