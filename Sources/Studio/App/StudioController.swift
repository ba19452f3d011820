import TUI

/// Turns keys and engine events into changes of `StudioState`, plus the effects the app loop
/// must carry out (talking to the engine, quitting, switching theme).
enum StudioController {
    enum Effect: Equatable {
        case submit(GenerationJob)
        case cancel
        case quit
        case nextTheme
        case redraw
        /// Open the gallery with the history's entries.
        case openGallery
        /// Do what a gallery key asked for.
        case gallery(GalleryBrowser.Command)
    }

    /// Handles one key. `layout` gives the text panes' widths for up/down motion in wrapped text.
    static func handle(_ key: Key, state: inout StudioState, layout: StudioLayout?) -> [Effect] {
        switch state.overlay {
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"), .enter:
                state.overlay = .none
                return state.runningJob != nil ? [.cancel, .quit] : [.quit]
            case .character("n"), .character("N"), .escape:
                state.overlay = .none
                state.status = .init(text: "still here", kind: .info)
            default: break
            }
            return []
        case .help(let scroll):
            if let action = state.keys.action(for: key, in: .help) {
                state.overlay = scrolledHelp(scroll, action)
            }
            return []
        case .sweep(var dialog):
            return handleSweep(key, dialog: &dialog, state: &state)
        case .gallery(var browser):
            if key == .resize { return [.redraw] }
            let command = browser.handle(key)
            switch command {
            case .close, .play: state.overlay = .none
            default: state.overlay = .gallery(browser)
            }
            return command == .none || command == .close ? [] : [.gallery(command)]
        case .none:
            break
        }
        if key == .resize { return [.redraw] }
        if state.focus == .settings, typeIntoSetting(key, state: &state) { return [] }
        if let action = state.keys.action(for: key, in: .anywhere) {
            return perform(action, state: &state, layout: layout)
        }
        if state.focus.isText {
            if key == .up || key == .down {
                let width = textWidth(state.focus, layout: layout)
                editFocusedText(&state) { _ = TextLayout.moveVertically(&$0, by: key == .up ? -1 : 1, width: width) }
                return []
            }
            var handled = false
            editFocusedText(&state) { handled = $0.handle(key) }
            if handled { return [] }
        }
        if state.focus == .settings, let action = state.keys.action(for: key, in: .settings) {
            return perform(action, state: &state, layout: layout)
        }
        if state.focus == .queue, let action = state.keys.action(for: key, in: .queue) {
            return perform(action, state: &state, layout: layout)
        }
        if !state.focus.isText, let action = state.keys.action(for: key, in: .outsideText) {
            return perform(action, state: &state, layout: layout)
        }
        return []
    }

    /// Records what the engine reported.
    static func apply(_ event: EngineEvent, to state: inout StudioState) {
        guard let index = state.jobs.firstIndex(where: { $0.job.id == event.jobID }) else { return }
        switch event {
        case .started:
            state.jobs[index].phase = .running(step: 0, of: state.jobs[index].job.form.steps, elapsedSeconds: 0)
            state.status = .init(text: "#\(event.jobID) started", kind: .info)
        case .step(_, let step, let count, let elapsed):
            state.jobs[index].phase = .running(step: step, of: count, elapsedSeconds: elapsed)
        case .preview(_, let frames):
            let step: Int, count: Int
            if case .running(let i, let n, _) = state.jobs[index].phase { (step, count) = (i, n) } else { (step, count) = (0, 0) }
            state.livePreview = LivePreview(jobID: event.jobID, step: step, count: count, frames: frames)
            if let thumbnail = thumbnail(of: frames) { state.thumbnails[event.jobID] = thumbnail }
        case .firstFrame(_, let frame):
            if let thumbnail = thumbnail(of: frame) { state.thumbnails[event.jobID] = thumbnail }
        case .finished(_, let seconds, let output):
            state.jobs[index].phase = .done(seconds: seconds, output: output)
            state.status = .init(text: "#\(event.jobID) done in \(DurationText.format(seconds))" + (output.map { " → \($0)" } ?? ""), kind: .ok)
        case .failed(_, let message):
            state.jobs[index].phase = .failed(message: message)
            state.status = .init(text: "#\(event.jobID) failed: \(message)", kind: .error)
        case .cancelled:
            state.jobs[index].phase = .cancelled
            state.status = .init(text: "#\(event.jobID) cancelled", kind: .warning)
        }
    }

    private static func perform(_ action: KeyMap.Action, state: inout StudioState, layout: StudioLayout?) -> [Effect] {
        switch action {
        case .run:
            return submit(&state)
        case .cancelOrClose:
            if let running = state.runningJob {
                state.status = .init(text: "cancelling #\(running.job.id)…", kind: .warning)
                return [.cancel]
            }
            state.status = .init(text: "nothing is running", kind: .info)
        case .nextPane, .previousPane:
            state.focus = nextPane(after: state.focus, forward: action == .nextPane, queueShown: layout?.queue != nil)
        case .help:
            state.overlay = .help(scroll: 0)
        case .quit:
            if state.hasActiveJobs {
                state.overlay = .confirmQuit
                return []
            }
            return [.quit]
        case .redraw:
            return [.redraw]
        case .previousSeedAndRun, .nextSeedAndRun:
            state.form.adjust(.seed, by: action == .nextSeedAndRun ? 1 : -1)
            return submit(&state)
        case .randomSeed:
            state.form.seed = UInt64.random(in: GenerationForm.seedRange)
            state.status = .init(text: "seed \(state.form.seed)", kind: .info)
        case .increase, .decrease, .increaseMore, .decreaseMore:
            let sign = action == .increase || action == .increaseMore ? 1 : -1
            let amount = action == .increaseMore || action == .decreaseMore ? 10 : 1
            state.form.adjust(state.settingsField, by: sign * amount)
        case .previousField, .nextField:
            let all = GenerationForm.Field.allCases
            let next = state.settingsField.rawValue + (action == .nextField ? 1 : -1)
            state.settingsField = all[(next + all.count) % all.count]
        case .selectPrevious, .selectNext, .selectLeft, .selectRight:
            guard !state.jobs.isEmpty else { break }
            // Up and down move a whole row of the results grid.
            let row = layout?.queue.map { ThumbnailGrid.columns(width: $0.inset(by: 1).width) } ?? 1
            let moves: [KeyMap.Action: Int] = [.selectLeft: -1, .selectRight: 1, .selectPrevious: -row, .selectNext: row]
            let target = (state.selectedJob ?? 0) + (moves[action] ?? 0)
            if state.jobs.indices.contains(target) { state.selectedJob = target }
            state.historyClip = nil
        case .nextTheme:
            return [.nextTheme]
        case .openGallery:
            return [.openGallery]
        case .playPause:
            guard state.shownPreview != nil else {
                state.status = .init(text: "nothing to play yet", kind: .info)
                break
            }
            state.playback.togglePlaying()
        case .previousFrame, .nextFrame:
            guard state.shownPreview != nil else { break }
            state.playback.step(by: action == .nextFrame ? 1 : -1)
        case .openSweep:
            state.overlay = .sweep(SweepDialog(startSeed: state.form.seed))
        case .playSelected:
            state.historyClip = nil
            playSelected(&state)
        case .copySelectedSettings:
            copySelectedSettings(&state)
        case .scrollUp, .scrollDown, .pageUp, .pageDown, .startSweep, .nextSweepRow, .toggleSweepSeeds:
            break
        }
        return []
    }

    /// Typed numeric entry in the settings pane: a digit starts replacing the selected value, Enter
    /// or Tab confirms, Esc drops it, Backspace deletes. Any other key confirms first and then does
    /// its usual job. Returns true when the key was used up here.
    private static func typeIntoSetting(_ key: Key, state: inout StudioState) -> Bool {
        let field = state.settingsField
        guard let entry = state.settingsEntry else {
            if case .character(let c) = key, GenerationForm.accepts(c, in: field) {
                state.settingsEntry = String(c)
                return true
            }
            return false
        }
        switch key {
        case .enter, .tab:
            commitSettingsEntry(&state)
            return true
        case .escape:
            state.settingsEntry = nil
            state.status = .init(text: "\(field.label) stays \(state.form.value(of: field))", kind: .info)
            return true
        case .backspace:
            let shorter = String(entry.dropLast())
            state.settingsEntry = shorter.isEmpty ? nil : shorter
            return true
        case .character(let c) where GenerationForm.accepts(c, in: field):
            if entry.count < 12 { state.settingsEntry = entry + String(c) }
            return true
        default:
            commitSettingsEntry(&state)
            return false
        }
    }

    private static func commitSettingsEntry(_ state: inout StudioState) {
        guard let entry = state.settingsEntry else { return }
        state.settingsEntry = nil
        let field = state.settingsField
        switch state.form.set(field, typed: entry) {
        case .accepted:
            state.status = .init(text: "\(field.label) \(state.form.value(of: field))", kind: .info)
        case .adjusted:
            state.status = .init(text: "\(field.label) \(entry) is not allowed; set to \(state.form.value(of: field))", kind: .warning)
        case .notANumber:
            state.status = .init(text: "\(field.label): \"\(entry)\" is not a number; kept \(state.form.value(of: field))", kind: .error)
        }
    }

    /// Keys while the sweep dialog is open; it stays open (with its edits) until Enter or Esc.
    private static func handleSweep(_ key: Key, dialog: inout SweepDialog, state: inout StudioState) -> [Effect] {
        if key == .resize { return [.redraw] }
        if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            dialog.type(digit: digit)
        } else if key == .backspace {
            dialog.deleteDigit()
        } else {
            switch state.keys.action(for: key, in: .sweep) {
            case .startSweep:
                state.overlay = .none
                return submitSweep(dialog.seeds(), state: &state)
            case .cancelOrClose:
                state.overlay = .none
                state.status = .init(text: "sweep closed", kind: .info)
                return []
            case .nextSweepRow: dialog.nextRow()
            case .increase: dialog.adjust(by: 1)
            case .decrease: dialog.adjust(by: -1)
            case .toggleSweepSeeds: dialog.random.toggle()
            default: break
            }
        }
        state.overlay = .sweep(dialog)
        return []
    }

    /// Queues one job per seed with the form's other settings; the form's own seed stays as it was.
    private static func submitSweep(_ seeds: [UInt64], state: inout StudioState) -> [Effect] {
        var effects: [Effect] = []
        let original = state.form.seed
        for seed in seeds {
            state.form.seed = seed
            let submitted = submit(&state)
            if submitted.isEmpty { break }
            effects += submitted
        }
        state.form.seed = original
        if !effects.isEmpty {
            let first = effects.count == seeds.count ? "" : " (stopped early)"
            state.status = .init(text: "sweep: \(effects.count) runs queued, seeds \(seeds.map(String.init).joined(separator: ", "))\(first)",
                                 kind: .info)
        }
        return effects
    }

    /// Restarts playback of the selected finished job (its frames load on the way back to the loop).
    private static func playSelected(_ state: inout StudioState) {
        guard let index = state.selectedJob, state.jobs.indices.contains(index) else {
            state.status = .init(text: "no job selected", kind: .info)
            return
        }
        let row = state.jobs[index]
        guard case .done(_, let output) = row.phase else {
            state.status = .init(text: "#\(row.job.id) has no finished clip to play", kind: .info)
            return
        }
        guard output != nil else {
            state.status = .init(text: "#\(row.job.id) was not saved, so there is nothing to play", kind: .warning)
            return
        }
        // Forgetting the source makes syncPlayback start this clip from its first frame, playing.
        state.playbackSource = nil
        state.status = .init(text: "playing #\(row.job.id) (seed \(row.job.form.seed))", kind: .info)
    }

    /// Puts the selected job's prompt, negative prompt and every setting back into the form.
    private static func copySelectedSettings(_ state: inout StudioState) {
        guard let index = state.selectedJob, state.jobs.indices.contains(index) else {
            state.status = .init(text: "no job selected to copy from", kind: .info)
            return
        }
        let job = state.jobs[index].job
        state.prompt.setText(job.prompt)
        state.negative.setText(job.negativePrompt)
        state.form = job.form
        state.status = .init(text: "copied #\(job.id)'s prompt and settings (seed \(job.form.seed)) into the form", kind: .ok)
    }

    private static func submit(_ state: inout StudioState) -> [Effect] {
        let prompt = state.prompt.text.trimmingWhitespaceAndNewlines()
        guard !prompt.isEmpty else {
            state.status = .init(text: "the prompt is empty: type what the video should show", kind: .error)
            state.focus = .prompt
            return []
        }
        let job = GenerationJob(id: state.nextJobID, prompt: prompt,
                                negativePrompt: state.negative.text.trimmingWhitespaceAndNewlines(), form: state.form)
        state.nextJobID += 1
        state.historyClip = nil
        state.jobs.insert(StudioState.JobRow(job: job, phase: .queued), at: 0)
        state.selectedJob = 0
        state.status = .init(text: "#\(job.id) queued (seed \(job.form.seed))", kind: .info)
        return [.submit(job)]
    }

    /// The first frame shrunk to at most `thumbnailSize` pixels a side, aspect kept; a smaller one is kept
    /// as it is (growing is the painter's job, at the size it draws).
    static func thumbnail(of frames: PreviewFrames) -> RGBImage? {
        guard let first = frames.frames.first,
              let image = RGBImage(width: frames.width, height: frames.height, pixels: first) else { return nil }
        guard max(image.width, image.height) > thumbnailSize else { return image }
        let size = ImageScaler.fit(width: image.width, height: image.height, into: thumbnailSize, thumbnailSize)
        return ImageScaler.scale(image, toWidth: size.width, height: size.height)
    }

    /// Enough pixels for a sixel tile: its picture rows are about 4 × 20 px tall in a common font.
    static let thumbnailSize = 96

    private static func scrolledHelp(_ scroll: Int, _ action: KeyMap.Action) -> StudioState.Overlay {
        switch action {
        case .scrollUp: return .help(scroll: max(0, scroll - 1))
        case .scrollDown: return .help(scroll: scroll + 1)
        case .pageUp: return .help(scroll: max(0, scroll - 10))
        case .pageDown: return .help(scroll: scroll + 10)
        case .cancelOrClose: return .none
        default: return .help(scroll: scroll)
        }
    }

    private static func nextPane(after pane: StudioState.Pane, forward: Bool, queueShown: Bool) -> StudioState.Pane {
        let panes = StudioState.Pane.allCases.filter { $0 != .queue || queueShown }
        let index = panes.firstIndex(of: pane) ?? 0
        return panes[(index + (forward ? 1 : panes.count - 1)) % panes.count]
    }

    private static func textWidth(_ pane: StudioState.Pane, layout: StudioLayout?) -> Int {
        guard let layout else { return 40 }
        return (pane == .prompt ? layout.prompt : layout.negative).width - 2
    }

    private static func editFocusedText(_ state: inout StudioState, _ edit: (inout TextEditor) -> Void) {
        if state.focus == .prompt { edit(&state.prompt) } else if state.focus == .negative { edit(&state.negative) }
    }
}
