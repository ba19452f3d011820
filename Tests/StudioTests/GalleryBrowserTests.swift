import Engine
import Media
import TUI
import XCTest
@testable import Studio

final class GalleryBrowserTests: XCTestCase {
    private func entry(_ id: Int64, _ prompt: String) -> HistoryEntry {
        let metadata = ClipMetadata(settings: GenerationSettings(prompt: prompt, seed: UInt64(id), frames: 2, width: 8, height: 8),
                                    modelName: "demo", studioVersion: "test")
        return HistoryEntry(id: id, createdAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(id)), metadata: metadata,
                            seconds: 1, folder: "f\(id)")
    }

    private func browser() -> GalleryBrowser {
        var browser = GalleryBrowser()
        browser.show([entry(3, "owl"), entry(2, "cat"), entry(1, "fox")])
        return browser
    }

    func testMovesWithinTheEntriesAndPlaysTheSelectedOne() {
        var gallery = browser()
        XCTAssertEqual(gallery.handle(.up), .none)
        XCTAssertEqual(gallery.selected, 0)
        _ = gallery.handle(.character("j"))
        _ = gallery.handle(.down)
        _ = gallery.handle(.down)
        XCTAssertEqual(gallery.selected, 2)
        XCTAssertEqual(gallery.handle(.enter), .play(entry(1, "fox")))
        XCTAssertEqual(gallery.handle(.escape), .close)
        gallery.show([entry(3, "owl")])
        XCTAssertEqual(gallery.selected, 0, "the selection stays in range when entries go")
    }

    func testTypingAfterSlashFiltersAndEscClearsIt() {
        var gallery = browser()
        _ = gallery.handle(.down)
        XCTAssertEqual(gallery.handle(.character("/")), .none)
        XCTAssertEqual(gallery.mode, .filtering)
        XCTAssertEqual(gallery.handle(.character("c")), .reload)
        XCTAssertEqual(gallery.handle(.character("d")), .reload, "letters go to the filter, not to delete")
        XCTAssertEqual(gallery.filter, "cd")
        XCTAssertEqual(gallery.selected, 0)
        XCTAssertEqual(gallery.handle(.backspace), .reload)
        XCTAssertEqual(gallery.handle(.enter), .none)
        XCTAssertEqual(gallery.mode, .browsing)
        XCTAssertEqual(gallery.filter, "c")
        _ = gallery.handle(.character("/"))
        XCTAssertEqual(gallery.handle(.escape), .reload)
        XCTAssertEqual(gallery.filter, "")
        XCTAssertEqual(gallery.mode, .browsing)
    }

    func testDeleteAsksFirst() {
        var gallery = browser()
        XCTAssertEqual(gallery.handle(.character("d")), .none)
        XCTAssertEqual(gallery.mode, .confirmDelete)
        XCTAssertEqual(gallery.handle(.character("n")), .none)
        XCTAssertEqual(gallery.mode, .browsing)
        _ = gallery.handle(.delete)
        XCTAssertEqual(gallery.handle(.character("y")), .delete(entry(3, "owl")))
        var empty = GalleryBrowser()
        XCTAssertEqual(empty.handle(.character("d")), .none)
        XCTAssertEqual(empty.mode, .browsing, "nothing to delete")
        XCTAssertEqual(empty.handle(.enter), .none)
    }

    func testExportDialogChangesFormatRateAndScale() {
        var gallery = browser()
        _ = gallery.handle(.character("e"))
        _ = gallery.handle(.right)
        _ = gallery.handle(.down)
        _ = gallery.handle(.right)
        _ = gallery.handle(.down)
        _ = gallery.handle(.character("+"))
        XCTAssertEqual(gallery.handle(.enter), .export(entry(3, "owl"), ExportSettings(format: .webm, fps: 12, scale: 2)))
        XCTAssertEqual(gallery.mode, .browsing)
        _ = gallery.handle(.character("e"))
        XCTAssertEqual(gallery.handle(.escape), .none)
        XCTAssertEqual(gallery.mode, .browsing, "esc leaves the dialog, not the gallery")
    }

    func testAnEntryBecomesAJobForThePreview() {
        let job = entry(5, "a heron").job
        XCTAssertEqual(job.id, 5)
        XCTAssertEqual(job.prompt, "a heron")
        XCTAssertEqual([job.form.width, job.form.height, job.form.frames], [8, 8, 2])
        XCTAssertEqual(job.form.seed, 5)
    }
}
