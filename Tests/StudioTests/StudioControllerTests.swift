import TUI
import XCTest
@testable import Studio

final class StudioControllerTests: XCTestCase {
    private var wideLayout: StudioLayout? {
        if case .fits(let layout) = StudioScreen.layout(for: TerminalSize(rows: 40, columns: 120), state: StudioState()) { return layout }
        return nil
    }

    private var narrowLayout: StudioLayout? {
        if case .fits(let layout) = StudioScreen.layout(for: TerminalSize(rows: 24, columns: 80), state: StudioState()) { return layout }
        return nil
    }

    @discardableResult
    private func press(_ keys: [Key], _ state: inout StudioState, layout: StudioLayout? = nil) -> [StudioController.Effect] {
        keys.flatMap { StudioController.handle($0, state: &state, layout: layout ?? wideLayout) }
    }

    func testLettersTypeIntoTextFieldsButActOutside() {
        var state = StudioState()
        XCTAssertEqual(press([.character("q"), .character("?")], &state), [])
        XCTAssertEqual(state.prompt.text, "q?")
        XCTAssertEqual(state.overlay, .none)
        press([.tab, .tab], &state)
        XCTAssertEqual(state.focus, .settings)
        XCTAssertEqual(press([.character("q")], &state), [.quit])
    }

    func testTabCycleSkipsTheFoldedQueue() {
        var state = StudioState()
        press(Array(repeating: .tab, count: 4), &state, layout: wideLayout)
        XCTAssertEqual(state.focus, .queue)
        state.focus = .prompt
        press(Array(repeating: .tab, count: 4), &state, layout: narrowLayout)
        XCTAssertEqual(state.focus, .prompt, "four panes when the queue is folded")
        press([.backTab], &state, layout: narrowLayout)
        XCTAssertEqual(state.focus, .preview)
    }

    func testRunNeedsAPrompt() {
        var state = StudioState()
        state.focus = .settings
        XCTAssertEqual(press([.enter], &state), [])
        XCTAssertEqual(state.status.kind, .error)
        XCTAssertEqual(state.focus, .prompt, "focus jumps to the empty prompt")
    }

    func testRunSubmitsTheFormAndListsTheJob() {
        var state = StudioState()
        state.form.seed = 7
        press("  fox ".map { .character($0) }, &state)
        let effects = press([.control("g")], &state)
        let job = GenerationJob(id: 1, prompt: "fox", negativePrompt: state.negative.text, form: state.form)
        XCTAssertEqual(effects, [.submit(job)])
        XCTAssertEqual(state.jobs.map(\.phase), [.queued])
        XCTAssertEqual(state.nextJobID, 2)
    }

    func testSeedKeysChangeTheSeedAndRun() {
        var state = StudioState()
        state.form.seed = 10
        state.prompt.setText("fox")
        state.focus = .preview
        let effects = press([.character("]"), .character("]"), .character("[")], &state)
        XCTAssertEqual(effects.count, 3)
        XCTAssertEqual(state.jobs.map(\.job.form.seed), [11, 12, 11].reversed())
        XCTAssertEqual(state.form.seed, 11)
    }

    func testSettingsKeys() {
        var state = StudioState()
        state.focus = .settings
        press([.right, .character("+"), .up, .pageUp], &state)
        XCTAssertEqual(state.settingsField, .steps)
        XCTAssertEqual(state.form.steps, 62)
        press([.character("l"), .character("-"), .down], &state)
        XCTAssertEqual(state.form.guidance, 8.0)
        press([.left, .left, .left], &state)
        XCTAssertEqual(state.settingsField, .sampler, "field selection wraps around")
        press([.character("+")], &state)
        XCTAssertEqual(state.form.sampler, "dpm++")
    }

    func testUpDownMoveBetweenPromptLines() {
        var state = StudioState()
        state.prompt.setText("first\nsecond")
        press([.up, .character("X")], &state)
        XCTAssertEqual(state.prompt.text, "firstX\nsecond")
    }

    func testHelpOverlayTakesKeysUntilClosed() {
        var state = StudioState()
        press([.function(1)], &state)
        XCTAssertEqual(state.overlay, .help(scroll: 0))
        press([.down, .down, .pageDown, .up], &state)
        XCTAssertEqual(state.overlay, .help(scroll: 11))
        XCTAssertEqual(state.prompt.text, "", "keys do not reach the prompt while help is open")
        press([.escape], &state)
        XCTAssertEqual(state.overlay, .none)
    }

    func testEscapeWithNothingRunning() {
        var state = StudioState()
        XCTAssertEqual(press([.escape], &state), [])
        XCTAssertEqual(state.status.text, "nothing is running")
    }

    func testEventsMoveJobsThroughTheirPhases() {
        var state = StudioState()
        state.prompt.setText("fox")
        press([.control("g")], &state)
        StudioController.apply(.started(jobID: 1), to: &state)
        XCTAssertEqual(state.jobs[0].phase, .running(step: 0, of: 50, elapsedSeconds: 0))
        StudioController.apply(.step(jobID: 1, index: 10, count: 50, elapsedSeconds: 20), to: &state)
        XCTAssertEqual(state.runningJob?.phase, .running(step: 10, of: 50, elapsedSeconds: 20))
        StudioController.apply(.failed(jobID: 1, message: "out of memory"), to: &state)
        XCTAssertEqual(state.jobs[0].phase, .failed(message: "out of memory"))
        XCTAssertEqual(state.status, .init(text: "#1 failed: out of memory", kind: .error))
        StudioController.apply(.finished(jobID: 99, seconds: 1, output: nil), to: &state)
        XCTAssertEqual(state.jobs.count, 1, "events for unknown jobs are ignored")
    }

    /// A running job's thumbnail is its latest step preview (latent-sized); the decoded first frame replaces it,
    /// shrunk to `thumbnailSize`, while the preview pane keeps the step preview until the clip is loaded.
    func testTheDecodedFirstFrameBecomesTheThumbnail() {
        var state = StudioState()
        state.prompt.setText("fox")
        press([.control("g")], &state)
        StudioController.apply(.started(jobID: 1), to: &state)
        let sketch = [UInt8](repeating: 40, count: 8 * 8 * 3)
        StudioController.apply(.preview(jobID: 1, frames: PreviewFrames(width: 8, height: 8, frames: [sketch])), to: &state)
        XCTAssertEqual(state.thumbnails[1]?.width, 8, "small previews are kept as they are")
        let decoded = (0..<(192 * 192)).flatMap { i -> [UInt8] in [UInt8(i % 192), 200, 10] }
        StudioController.apply(.firstFrame(jobID: 1, frame: PreviewFrames(width: 192, height: 192, frames: [decoded])), to: &state)
        XCTAssertEqual(state.thumbnails[1]?.width, StudioController.thumbnailSize)
        XCTAssertEqual(state.thumbnails[1]?[0, 0], RGBColor(1, 200, 10), "the decoded frame, box-averaged by two")
        XCTAssertEqual(state.livePreview?.frames.width, 8, "the preview pane is left alone")
    }

    func testQuitWithoutJobsIsImmediateAndResizeRedraws() {
        var state = StudioState()
        XCTAssertEqual(press([.control("q")], &state), [.quit])
        XCTAssertEqual(press([.resize], &state), [.redraw])
    }

    func testSweepDialogQueuesOneJobPerSeedAndKeepsTheFormSeed() {
        var state = StudioState()
        state.form.seed = 100
        state.form.steps = 3
        state.prompt.setText("fox")
        state.focus = .settings
        press([.character("S")], &state)
        XCTAssertEqual(state.overlay, .sweep(SweepDialog(startSeed: 100)))
        XCTAssertTrue(StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: .estimate).text
            .contains("consecutive from 100"))
        let effects = press([.character("3"), .enter], &state)
        XCTAssertEqual(state.overlay, .none)
        XCTAssertEqual(effects.count, 3)
        let seeds: [UInt64] = effects.compactMap { if case .submit(let job) = $0 { return job.form.seed } else { return nil } }
        XCTAssertEqual(seeds, [100, 101, 102])
        XCTAssertTrue(effects.allSatisfy { if case .submit(let job) = $0 { return job.form.steps == 3 && job.prompt == "fox" } else { return false } })
        XCTAssertEqual(state.jobs.count, 3)
        XCTAssertEqual(state.form.seed, 100, "the form keeps its seed")
    }

    func testSweepDialogEscapeClosesWithoutRunningAndKeysDoNotLeak() {
        var state = StudioState()
        state.prompt.setText("fox")
        state.focus = .preview
        press([.character("S"), .down, .character("q"), .character("+")], &state)
        guard case .sweep(let dialog) = state.overlay else { return XCTFail("the dialog stays open: \(state.overlay)") }
        XCTAssertTrue(dialog.random)
        XCTAssertEqual(dialog.row, .seeds)
        XCTAssertEqual(press([.escape], &state), [])
        XCTAssertEqual(state.overlay, .none)
        XCTAssertTrue(state.jobs.isEmpty)
    }

    func testSweepWithAnEmptyPromptQueuesNothing() {
        var state = StudioState()
        state.focus = .settings
        XCTAssertEqual(press([.character("S"), .enter], &state), [])
        XCTAssertEqual(state.status.kind, .error)
    }

    func testResultsNavigationPlayAndCopy() {
        var state = StudioState()
        state.prompt.setText("first")
        state.negative.setText("grainy")
        state.form.seed = 1
        state.form.steps = 7
        press([.control("g")], &state)
        state.prompt.setText("second")
        state.negative.setText("")
        state.form.seed = 2
        state.form.steps = 9
        state.form.sampler = "dpm++"
        press([.control("g")], &state)
        StudioController.apply(.finished(jobID: 1, seconds: 3, output: "/clips/1"), to: &state)
        state.focus = .queue
        XCTAssertEqual(state.selectedJob, 0)
        press([.character("l")], &state)
        XCTAssertEqual(state.selectedJob, 1, "l moves to the next result")
        press([.enter], &state)
        XCTAssertEqual(state.status.text, "playing #1 (seed 1)")
        press([.character("y")], &state)
        XCTAssertEqual(state.prompt.text, "first")
        XCTAssertEqual(state.negative.text, "grainy")
        XCTAssertEqual(state.form.seed, 1)
        XCTAssertEqual(state.form.steps, 7)
        XCTAssertEqual(state.form.sampler, "ddim")
        press([.character("h"), .enter], &state)
        XCTAssertEqual(state.status.text, "#2 has no finished clip to play")
    }

    /// In the grid, left/right step one tile and up/down a whole row; moves off the grid stay put.
    func testResultsGridMovesByTileAndByRow() throws {
        var state = StudioState()
        state.prompt.setText("fox")
        for _ in 0..<5 { press([.control("g")], &state) }
        guard case .fits(let layout) = StudioScreen.layout(for: TerminalSize(rows: 40, columns: 120), state: state) else {
            return XCTFail("120×40 fits")
        }
        let columns = ThumbnailGrid.columns(width: try XCTUnwrap(layout.queue).inset(by: 1).width)
        XCTAssertEqual(columns, 2)
        state.focus = .queue
        state.selectedJob = 0
        func key(_ key: Key) { _ = StudioController.handle(key, state: &state, layout: layout) }
        key(.character("j"))
        XCTAssertEqual(state.selectedJob, 2, "down: one row of two")
        key(.right)
        XCTAssertEqual(state.selectedJob, 3)
        key(.down)
        XCTAssertEqual(state.selectedJob, 3, "no tile below the last row's second column")
        key(.character("k"))
        XCTAssertEqual(state.selectedJob, 1)
        key(.character("h"))
        XCTAssertEqual(state.selectedJob, 0)
        key(.left)
        XCTAssertEqual(state.selectedJob, 0)
    }

    func testDigitsTypedIntoASettingReplaceItOnEnterOrTab() {
        var state = StudioState()
        state.focus = .settings
        state.settingsField = .steps
        XCTAssertEqual(press([.character("2"), .character("5"), .backspace], &state), [])
        XCTAssertEqual(state.settingsEntry, "2")
        XCTAssertTrue(StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: .estimate).text
            .contains("steps 2▏"), "the typed digits show in place of the value")
        XCTAssertEqual(press([.enter], &state), [], "Enter confirms; it does not run")
        XCTAssertEqual(state.form.steps, 2)
        XCTAssertNil(state.settingsEntry)

        press([.right, .character("7"), .character("."), .character("5"), .tab], &state)
        XCTAssertEqual(state.form.guidance, 7.5)
        XCTAssertEqual(state.focus, .settings, "Tab confirms without leaving the pane")

        press([.character("3"), .escape], &state)
        XCTAssertEqual(state.form.guidance, 7.5, "Esc drops the typed value")
        XCTAssertEqual(state.status.text, "guidance stays 7.5")

        press([.right, .right, .character("1"), .character("0"), .character("0"), .right], &state)
        XCTAssertEqual(state.form.width, 128, "another key confirms first")
        XCTAssertEqual(state.settingsField, .height, "…and then does its job")
        XCTAssertEqual(state.status.kind, .warning)
    }
}
