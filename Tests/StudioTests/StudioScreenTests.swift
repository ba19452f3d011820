import TUI
import XCTest
@testable import Studio

final class StudioScreenTests: XCTestCase {
    private let exact = TokenCounter(count: { $0.split(separator: " ").count + 2 }, isExact: true)

    func testWideScreenShowsEveryPane() {
        var state = StudioState()
        state.prompt.setText("a red panda eating bamboo")
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: exact)
        let text = canvas.text
        for expected in ["Prompt", "7/77", "Negative", "Settings", "seed 0", "steps 50", "guidance 9.0", "Preview",
                         "no preview yet", "Queue / Results", "no jobs yet", "a red panda eating bamboo", "F1 help"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected)")
        }
        XCTAssertEqual(canvas.cursor, CellPosition(row: 1, column: 27), "cursor after the prompt text")
    }

    func testEstimatedCountIsMarkedAndLongPromptsWarn() {
        var state = StudioState()
        state.prompt.setText(String(repeating: "word ", count: 80))
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 24, columns: 80), tokens: .estimate)
        XCTAssertTrue(canvas.text(row: 0).contains("~82/77"))
        let column = canvas.text(row: 0).distance(from: canvas.text(row: 0).startIndex,
                                                  to: canvas.text(row: 0).range(of: "~82")!.lowerBound)
        XCTAssertEqual(canvas[0, column].style, .warning)
    }

    func testNarrowScreenFoldsQueueIntoStatusBar() {
        var state = StudioState()
        state.prompt.setText("fox")
        _ = StudioController.handle(.control("g"), state: &state, layout: nil)
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 24, columns: 80), tokens: exact)
        XCTAssertFalse(canvas.text.contains("Queue / Results"))
        XCTAssertTrue(canvas.text(row: 23).contains("queue 1 waiting"))
    }

    func testTooSmall() {
        let canvas = StudioScreen.render(StudioState(), size: TerminalSize(rows: 10, columns: 70), tokens: exact)
        XCTAssertTrue(canvas.text.contains("terminal too small: need at least 60×18, have 70×10"))
        XCTAssertNil(canvas.cursor)
    }

    func testRunningJobShowsProgressAndETA() {
        var state = StudioState()
        state.prompt.setText("fox")
        _ = StudioController.handle(.control("g"), state: &state, layout: nil)
        StudioController.apply(.started(jobID: 1), to: &state)
        StudioController.apply(.step(jobID: 1, index: 10, count: 50, elapsedSeconds: 100), to: &state)
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: exact)
        XCTAssertTrue(canvas.text(row: 39).contains("#1 10/50  10.0 s/step  ETA 6m40s"), canvas.text(row: 39))
        XCTAssertTrue(canvas.text(row: 39).contains("esc cancel"))
        XCTAssertTrue(canvas.text.contains("▸ #1 seed 0"), canvas.text)
        XCTAssertTrue(canvas.text.contains("  10/50 █"), "the tile's detail line with its progress bar\n\(canvas.text)")
    }

    /// Results show as tiles in a grid; their pictures come from each job's last preview and are
    /// handed to the terminal, except under an overlay or with pictures off.
    func testResultsGridTilesAndThumbnails() throws {
        var state = StudioState()
        state.prompt.setText("fox")
        for seed in [7, 8, 9] as [UInt64] {
            state.form.seed = seed
            _ = StudioController.handle(.control("g"), state: &state, layout: nil)
        }
        let frame = [UInt8](repeating: 200, count: 256 * 128 * 3)
        StudioController.apply(.started(jobID: 1), to: &state)
        StudioController.apply(.preview(jobID: 1, frames: PreviewFrames(width: 256, height: 128, frames: [frame, frame])), to: &state)
        StudioController.apply(.finished(jobID: 1, seconds: 2, output: nil), to: &state)
        XCTAssertEqual(state.thumbnails[1]?.width, StudioController.thumbnailSize)
        XCTAssertEqual(state.thumbnails[1]?.height, StudioController.thumbnailSize / 2, "aspect kept")

        let size = TerminalSize(rows: 40, columns: 120)
        let text = StudioScreen.render(state, size: size, tokens: exact).text
        let lines = text.split(separator: "\n").map(String.init)
        let titles = try XCTUnwrap(lines.firstIndex { $0.contains("#3 seed 9") })
        XCTAssertTrue(lines[titles].contains("#2 seed 8"), "two tiles side by side at 120 columns\n\(text)")
        XCTAssertTrue(lines[titles + 1].contains("queued"))
        let second = try XCTUnwrap(lines.firstIndex { $0.contains("#1 seed 7") })
        XCTAssertEqual(second, titles + ThumbnailGrid.pictureRows + 2, "the third tile starts the next row")
        XCTAssertTrue(lines[second + 1].contains("done 2 s"), lines[second + 1])

        state.graphics = .blocks
        let slots = StudioScreen.thumbnailSlots(state, size: size)
        XCTAssertEqual(slots.count, 1, "only job 1 has a picture")
        XCTAssertEqual(slots.first?.area.maxY, second, "the picture ends right above its captions")
        XCTAssertEqual(slots.first?.id, 1, "named by its job, so a new step's picture replaces it in place")
        state.overlay = .help(scroll: 0)
        XCTAssertEqual(StudioScreen.thumbnailSlots(state, size: size), [])
        state.overlay = .none
        state.graphics = .none
        XCTAssertEqual(StudioScreen.thumbnailSlots(state, size: size), [])
    }
}

final class StudioScreenPreviewTests: XCTestCase {
    private let exact = TokenCounter(count: { $0.split(separator: " ").count + 2 }, isExact: true)

    /// A state with job #1 running at step 3/20 and a 4-frame 8×8 preview.
    private func previewing() -> StudioState {
        var state = StudioState()
        state.form.seed = 77
        state.prompt.setText("fox")
        _ = StudioController.handle(.control("g"), state: &state, layout: nil)
        StudioController.apply(.started(jobID: 1), to: &state)
        StudioController.apply(.step(jobID: 1, index: 3, count: 20, elapsedSeconds: 3), to: &state)
        let frames = PreviewFrames(width: 8, height: 8, frames: (0..<4).map { [UInt8](repeating: UInt8($0 * 60), count: 8 * 8 * 3) })
        StudioController.apply(.preview(jobID: 1, frames: frames), to: &state)
        state.syncPlayback()
        return state
    }

    func testPictureNeverReachesTheLastRow() {
        let state = previewing()
        for (rows, columns) in [(18, 60), (24, 80), (30, 100), (40, 120), (60, 200), (29, 99)] {
            let size = TerminalSize(rows: rows, columns: columns)
            guard let picture = StudioScreen.previewPicture(state, size: size) else { return XCTFail("no picture at \(size)") }
            XCTAssertLessThan(picture.area.maxY, rows, "\(size): the status bar row stays text")
            XCTAssertLessThanOrEqual(picture.area.maxY, rows - 2, "\(size): the pane's bottom border too")
            let canvas = StudioScreen.render(state, size: size, tokens: exact)
            XCTAssertTrue(canvas.text.contains("frame 1/4"), "\(size)")
        }
    }

    func testCaptionSaysFrameSeedAndStep() {
        var state = previewing()
        state.playback.step(by: 2)
        let text = StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: exact).text
        XCTAssertTrue(text.contains("frame 3/4 paused  seed 77  #1 step 3/20"), text)
        XCTAssertFalse(text.contains("no preview yet"))
    }

    func testOverlayOrGraphicsNoneDrawNoPicture() {
        var state = previewing()
        state.overlay = .help(scroll: 0)
        XCTAssertNil(StudioScreen.previewPicture(state, size: TerminalSize(rows: 40, columns: 120)))
        state.overlay = .none
        state.graphics = .none
        XCTAssertNil(StudioScreen.previewPicture(state, size: TerminalSize(rows: 40, columns: 120)))
        let text = StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: exact).text
        XCTAssertTrue(text.contains("4 frames 8×8"), text)
        XCTAssertTrue(text.contains("#1 seed 77"))
    }
}
