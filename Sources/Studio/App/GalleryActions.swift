import Engine
import Foundation

/// Carries out what the gallery asks for against the history: reading entries, playing one in the preview,
/// deleting, exporting (through the same writer as `studio export`). Failures land in the status bar.
struct GalleryActions {
    /// nil when the history could not be opened; the gallery then says so.
    let history: HistoryStore?
    /// Where exports are written: the folder the studio was started in.
    var exportFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    /// Reads an entry's frames for the preview (replaced in tests).
    var loadFrames: (String) throws -> PreviewFrames = { try ClipFramesReader.read(folder: $0) }

    func open(_ state: inout StudioState) {
        guard history != nil else {
            state.status = .init(text: "the history is not available (see the message at start); no gallery", kind: .error)
            return
        }
        var browser = GalleryBrowser()
        reload(&browser, state: &state)
        state.overlay = .gallery(browser)
    }

    func run(_ command: GalleryBrowser.Command, state: inout StudioState) {
        guard let history else { return }
        switch command {
        case .none, .close:
            break
        case .reload:
            guard case .gallery(var browser) = state.overlay else { return }
            reload(&browser, state: &state)
            state.overlay = .gallery(browser)
        case .play(let entry):
            do {
                let frames = try loadFrames(history.folderURL(of: entry).path)
                state.historyClip = HistoryClip(entryID: entry.id ?? 0, frames: frames, job: entry.job)
                state.playbackSource = nil
                state.status = .init(text: "playing history #\(entry.id ?? 0) (seed \(entry.seed)); g for the gallery", kind: .info)
            } catch {
                state.status = .init(text: "history #\(entry.id ?? 0): cannot show the clip: \(error)", kind: .error)
            }
        case .delete(let entry):
            do {
                try history.delete(id: entry.id ?? 0)
                if state.historyClip?.entryID == entry.id { state.historyClip = nil }
                state.status = .init(text: "deleted history #\(entry.id ?? 0)", kind: .ok)
            } catch {
                state.status = .init(text: "cannot delete #\(entry.id ?? 0): \(error)", kind: .error)
            }
            run(.reload, state: &state)
        case .export(let entry, let settings):
            let url = exportFolder.appendingPathComponent("studio-\(entry.id ?? 0)-seed\(entry.seed).\(settings.format.fileExtension)")
            do {
                let clip = try history.clip(of: entry)
                let video = OutputTarget.VideoOptions(fps: settings.fps, scale: settings.scale, interpolateFPS: settings.interpolateFPS,
                                                      modelName: entry.modelName,
                                                      modelWeightsHash: entry.modelWeightsHash)
                try OutputTarget.video(url, settings.format).write(clip, video: video)
                state.status = .init(text: "exported #\(entry.id ?? 0) to \(url.path)", kind: .ok)
            } catch {
                state.status = .init(text: "\(error); #\(entry.id ?? 0) stays in the history", kind: .error)
            }
        }
    }

    private func reload(_ browser: inout GalleryBrowser, state: inout StudioState) {
        do {
            browser.show(try history?.entries(matching: browser.filter) ?? [])
        } catch {
            state.status = .init(text: "cannot read the history: \(error)", kind: .error)
        }
    }
}
