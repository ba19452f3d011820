import TUI

/// Draws the whole studio screen from `StudioState` into a canvas; no terminal involved.
enum StudioScreen {
    static func layout(for size: TerminalSize, state: StudioState) -> StudioLayout.Outcome {
        let fields = state.form.gridFields
        // One extra row under the fields holds the model line.
        return StudioLayout.compute(size) { FieldGrid.rowsNeeded(fields, width: $0) + 1 }
    }

    static func render(_ state: StudioState, size: TerminalSize, tokens: TokenCounter) -> Canvas {
        var canvas = Canvas(size: size)
        switch layout(for: size, state: state) {
        case .tooSmall(let need, let have):
            drawTooSmall(StudioLayout.tooSmallMessage(need: need, have: have), on: &canvas)
        case .fits(let layout):
            drawPanes(state, layout: layout, tokens: tokens, on: &canvas)
            drawStatusBar(state, layout: layout, on: &canvas)
            switch state.overlay {
            case .none: break
            case .help(let scroll):
                canvas.cursor = nil
                HelpOverlay.draw(state.keys.helpSections, scroll: scroll, on: &canvas, within: canvas.bounds)
            case .confirmQuit:
                canvas.cursor = nil
                let active = state.jobs.filter(\.isActive).count
                ConfirmDialog.draw(title: "Quit?", message: "\(active) job\(active == 1 ? "" : "s") still queued or running; quit and cancel?",
                                   on: &canvas, within: canvas.bounds)
            case .sweep(let dialog):
                canvas.cursor = nil
                ChoiceDialog.draw(title: "Seed sweep", lines: dialog.lines, keys: "⏎ run  esc close  ↑↓ row  ←→ change", on: &canvas)
            case .gallery(let browser):
                canvas.cursor = nil
                GalleryScreen.draw(browser, on: &canvas)
            }
        }
        return canvas
    }

    private static func drawPanes(_ state: StudioState, layout: StudioLayout, tokens: TokenCounter, on canvas: inout Canvas) {
        let promptTokens = tokens.count(state.prompt.text)
        let promptInside = Panel.draw(
            on: &canvas, rect: layout.prompt, title: "Prompt", badge: tokens.badge(for: state.prompt.text),
            focused: state.focus == .prompt, drawsBottom: false,
            badgeStyle: promptTokens > TokenCounter.limit ? .warning : nil)
        let negativeInside = Panel.draw(
            on: &canvas, rect: layout.negative, title: "Negative", badge: tokens.badge(for: state.negative.text),
            focused: state.focus == .negative, joinsAbove: true, drawsBottom: false)
        let settingsInside = Panel.draw(
            on: &canvas, rect: layout.settings, title: "Settings", focused: state.focus == .settings, joinsAbove: true)
        let previewInside = Panel.draw(on: &canvas, rect: layout.preview, title: "Preview", focused: state.focus == .preview)

        TextArea.draw(state.prompt, on: &canvas, in: padded(promptInside), focused: state.focus == .prompt,
                      placeholder: "describe the video, e.g. a red panda eating bamboo on a mossy rock")
        TextArea.draw(state.negative, on: &canvas, in: padded(negativeInside), focused: state.focus == .negative,
                      placeholder: "what to avoid, e.g. blurry, watermark")

        let fieldsRect = Rect(x: settingsInside.x + 1, y: settingsInside.y, width: settingsInside.width - 1,
                              height: max(0, settingsInside.height - 1))
        var fields = state.form.gridFields
        if let entry = state.settingsEntry { fields[state.settingsField.rawValue].value = entry + "▏" }
        FieldGrid.draw(fields, selected: state.settingsField.rawValue,
                       focused: state.focus == .settings, on: &canvas, in: fieldsRect)
        canvas.write(" " + state.modelSummary, row: settingsInside.maxY - 1, column: settingsInside.x,
                     style: .muted, maxWidth: settingsInside.width)

        drawPreview(state, inside: previewInside, on: &canvas)

        if let queueRect = layout.queue {
            let inside = Panel.draw(on: &canvas, rect: queueRect, title: "Queue / Results", badge: queueBadge(state),
                                    focused: state.focus == .queue)
            ThumbnailGrid.draw(state.jobs.map { tile(for: $0, state: state) }, selected: state.selectedJob,
                               focused: state.focus == .queue, emptyMessage: "no jobs yet: Ctrl-G runs the form",
                               showPictures: state.graphics != .none, on: &canvas, in: inside)
        }
    }

    /// The frame the preview pane shows and the cells it may cover.
    struct PreviewPicture: Equatable {
        var area: Rect
        var shown: ShownPreview
        var frame: Int
    }

    /// The cells a picture may cover: inside the preview pane, one cell in from the sides, above the
    /// caption row. It ends above the pane's bottom border, so never on the status bar's last row.
    static func pictureArea(_ layout: StudioLayout) -> Rect {
        let inside = layout.preview.inset(by: 1)
        return Rect(x: inside.x + 1, y: inside.y, width: inside.width - 2, height: inside.height - 1)
    }

    /// What to draw in the preview pane; nil when there is nothing, graphics are off, the screen is
    /// too small, or an overlay covers the panes (a picture drawn after the text would hide it).
    static func previewPicture(_ state: StudioState, size: TerminalSize) -> PreviewPicture? {
        guard state.graphics != .none, state.overlay == .none, let shown = state.shownPreview,
              !shown.frames.frames.isEmpty,
              case .fits(let layout) = layout(for: size, state: state) else { return nil }
        let area = pictureArea(layout)
        guard !area.isEmpty else { return nil }
        return PreviewPicture(area: area, shown: shown, frame: min(state.playback.frame, shown.frames.frames.count - 1))
    }

    private static func drawPreview(_ state: StudioState, inside: Rect, on canvas: inout Canvas) {
        func centred(_ line: String, row: Int, style: Style = .muted) {
            let width = DisplayWidth.of(line)
            canvas.write(line, row: row, column: inside.x + max(0, (inside.width - width) / 2), style: style,
                         maxWidth: inside.width)
        }
        let middle = inside.y + inside.height / 2
        guard let shown = state.shownPreview, !shown.frames.frames.isEmpty else {
            for (offset, line) in (["no preview yet"] + state.graphicsSummary).enumerated() {
                centred(line, row: middle - 1 + offset)
            }
            return
        }
        let count = shown.frames.frames.count
        let frame = min(state.playback.frame, count - 1) + 1
        let mark = state.playback.isPlaying && count > 1 ? "▶" : "paused"
        centred("frame \(frame)/\(count) \(mark)  seed \(shown.job.form.seed)  \(shown.detail)", row: inside.maxY - 1)
        if state.graphics == .none {
            let lines = ["#\(shown.job.id) seed \(shown.job.form.seed)",
                         "\(count) frames \(shown.frames.width)×\(shown.frames.height)",
                         "steps \(shown.job.form.steps)  guidance \(String(format1: shown.job.form.guidance))",
                         "(pictures off: --graphics none)"]
            for (offset, line) in lines.enumerated() { centred(line, row: middle - 2 + offset) }
        }
    }

    /// Text sits one cell in from the side borders.
    private static func padded(_ inside: Rect) -> Rect {
        Rect(x: inside.x + 1, y: inside.y, width: inside.width - 2, height: inside.height)
    }

    private static func drawStatusBar(_ state: StudioState, layout: StudioLayout, on canvas: inout Canvas) {
        var message = state.status.text
        var style = statusStyle(state.status.kind)
        var progress: Double?
        if let running = state.runningJob, case .running(let step, let count, let elapsed) = running.phase {
            progress = count > 0 ? Double(step) / Double(count) : 0
            message = "#\(running.job.id) \(step)/\(count)"
            if step > 0 {
                let perStep = elapsed / Double(step)
                message += "  \(String(format1: perStep)) s/step  ETA \(DurationText.format(perStep * Double(count - step)))"
            }
            style = .plain
        }
        if layout.queue == nil, let badge = queueBadge(state) {
            message += "  · queue " + badge
        }
        StatusBar.draw(message: message, style: style, progress: progress,
                       hints: state.keys.hints(focus: state.focus, running: state.runningJob != nil),
                       on: &canvas, row: layout.statusBar.y)
    }

    private static func tile(for row: StudioState.JobRow, state: StudioState) -> ThumbnailGrid.Tile {
        let title = "#\(row.job.id) seed \(row.job.form.seed)"
        let picture = state.thumbnails[row.job.id]
        let id = row.job.id
        switch row.phase {
        case .queued:
            return ThumbnailGrid.Tile(title: title, detail: "queued", style: .muted)
        case .running(let step, let count, _):
            return ThumbnailGrid.Tile(title: title, detail: "\(step)/\(count)", style: .accent, picture: picture,
                                      progress: count > 0 ? Double(step) / Double(count) : 0, pictureID: id)
        case .done(let seconds, _):
            return ThumbnailGrid.Tile(title: title, detail: "done \(DurationText.format(seconds))", style: .ok, picture: picture,
                                      pictureID: id)
        case .failed(let message):
            return ThumbnailGrid.Tile(title: title, detail: "failed: " + message, style: .error)
        case .cancelled:
            return ThumbnailGrid.Tile(title: title, detail: "cancelled", style: .warning, picture: picture, pictureID: id)
        }
    }

    /// Where the results grid's pictures go, for a `ThumbnailPainter`; none while an overlay covers
    /// the panes, with pictures off, or when the queue is folded away.
    static func thumbnailSlots(_ state: StudioState, size: TerminalSize) -> [ThumbnailPainter.Slot] {
        guard state.graphics != .none, state.overlay == .none,
              case .fits(let layout) = layout(for: size, state: state), let queue = layout.queue else { return [] }
        var scratch = Canvas(size: size)
        return ThumbnailGrid.draw(state.jobs.map { tile(for: $0, state: state) }, selected: state.selectedJob,
                                  focused: false, emptyMessage: "", showPictures: true, on: &scratch, in: queue.inset(by: 1))
    }

    /// `2 waiting · 3 done`, or nil with no jobs.
    private static func queueBadge(_ state: StudioState) -> String? {
        guard !state.jobs.isEmpty else { return nil }
        let waiting = state.jobs.filter(\.isActive).count
        return "\(waiting) waiting · \(state.jobs.count - waiting) finished"
    }

    private static func statusStyle(_ kind: StudioState.Status.Kind) -> Style {
        switch kind {
        case .info: return .plain
        case .ok: return .ok
        case .warning: return .warning
        case .error: return .error
        }
    }

    /// The too-small message, wrapped onto as many centred lines as the width needs.
    private static func drawTooSmall(_ message: String, on canvas: inout Canvas) {
        let width = max(1, canvas.size.columns)
        let lines = TextLayout(Array(message), width: width).lines.map { String(Array(message)[$0]).trimmingWhitespaceAndNewlines() }
        let top = max(0, (canvas.size.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            canvas.write(line, row: top + offset, column: max(0, (width - DisplayWidth.of(line)) / 2), style: .warning)
        }
    }
}
