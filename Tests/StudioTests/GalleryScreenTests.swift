import Engine
import Media
import TUI
import XCTest
@testable import Studio

final class GalleryScreenTests: XCTestCase {
    private func render(_ browser: GalleryBrowser) -> String {
        var canvas = Canvas(size: TerminalSize(rows: 24, columns: 100))
        GalleryScreen.draw(browser, on: &canvas)
        return canvas.text
    }

    func testListsEntriesWithTheSelectedOnesDetailsAndTheKeys() {
        var browser = GalleryBrowser()
        let metadata = ClipMetadata(settings: GenerationSettings(prompt: "a heron", negativePrompt: "blur", seed: 9, frames: 2,
                                                                 width: 8, height: 8), modelName: "demo", studioVersion: "test")
        browser.show([HistoryEntry(id: 4, metadata: metadata, seconds: 2, folder: "x")])
        let text = render(browser)
        XCTAssertTrue(text.contains("Gallery"))
        XCTAssertTrue(text.contains("1 clips"))
        XCTAssertTrue(text.contains("▸ #4  "))
        XCTAssertTrue(text.contains("a heron"))
        XCTAssertTrue(text.contains("not: blur"))
        XCTAssertTrue(text.contains(GalleryBrowser.keyHints))
        browser.mode = .exporting(GalleryExportDialog())
        XCTAssertTrue(render(browser).contains("▸ format  mp4"))
    }

    func testEmptyAndFilteredMessages() {
        var browser = GalleryBrowser()
        XCTAssertTrue(render(browser).contains("no clips yet"))
        browser.filter = "zebra"
        browser.mode = .filtering
        let text = render(browser)
        XCTAssertTrue(text.contains("filter: zebra▏"))
        XCTAssertTrue(text.contains("no clip's prompt contains \"zebra\""))
    }
}
