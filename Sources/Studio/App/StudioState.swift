import TUI

/// Everything the studio screen shows, as plain values; drawing is a function of this.
struct StudioState: Equatable {
    /// The panes, in Tab order.
    enum Pane: CaseIterable, Equatable {
        case prompt, negative, settings, preview, queue

        var isText: Bool { self == .prompt || self == .negative }
    }

    /// What floats over the panes and takes the keys first.
    enum Overlay: Equatable {
        case none
        case help(scroll: Int)
        case confirmQuit
        case sweep(SweepDialog)
        case gallery(GalleryBrowser)
    }

    /// The status bar's message and how it should look.
    struct Status: Equatable {
        enum Kind: Equatable { case info, ok, warning, error }
        var text: String
        var kind: Kind
    }

    /// One row of the queue/results list.
    struct JobRow: Equatable {
        enum Phase: Equatable {
            case queued
            case running(step: Int, of: Int, elapsedSeconds: Double)
            case done(seconds: Double, output: String?)
            case failed(message: String)
            case cancelled
        }

        var job: GenerationJob
        var phase: Phase

        var isActive: Bool {
            switch phase {
            case .queued, .running: return true
            default: return false
            }
        }
    }

    var form = GenerationForm()
    var prompt = TextEditor()
    /// Empty like diffusers' and `studio generate`'s default, so the studio and the CLI make the same clip from the
    /// same prompt and seed (the demo model, trained with empty unconditional text, also draws worse with one).
    var negative = TextEditor()
    var focus: Pane = .prompt
    var settingsField: GenerationForm.Field = .seed
    /// Digits typed into the selected setting, not yet confirmed (Enter/Tab) or dropped (Esc).
    var settingsEntry: String?
    var overlay: Overlay = .none
    var jobs: [JobRow] = []
    var selectedJob: Int?
    var status = Status(text: "type a prompt, then Ctrl-G (or Enter outside the text) to run", kind: .info)
    var nextJobID = 1
    var themeName = "default"
    /// The key table in use: the built-in one, remapped by the config file.
    var keys = KeyMap.standard
    /// One line about the model in use, shown under the settings.
    var modelSummary = "model: not found (see `studio doctor`)"
    /// A few short lines about terminal graphics, shown in the preview pane.
    var graphicsSummary = ["graphics not probed"]

    /// How the preview pane shows pictures (decided once the terminal is known).
    var graphics: GraphicsMode = .blocks
    /// The newest step preview from the engine.
    var livePreview: LivePreview?
    /// Each job's newest preview frame, shrunk for the results grid; a finished job keeps its last step's.
    var thumbnails: [Int: RGBImage] = [:]
    /// The selected finished job's frames, read from its clip folder.
    var loadedClip: LoadedClip?
    /// A clip from the history chosen in the gallery; shown until another job is run or selected.
    var historyClip: HistoryClip?
    /// Which frame of the shown preview is up, and whether it plays.
    var playback = Playback(frameCount: 0)
    /// What `playback` belongs to; when the shown preview changes, playback starts over.
    var playbackSource: PreviewSource?

    /// True while a job is queued or running (quitting then asks first).
    var hasActiveJobs: Bool { jobs.contains { $0.isActive } }

    /// The job being worked on, if any.
    var runningJob: JobRow? {
        jobs.first { if case .running = $0.phase { return true } else { return false } }
    }

    /// The selected job when it finished with an output folder whose frames are not loaded yet.
    var clipToLoad: (jobID: Int, folder: String)? {
        guard let index = selectedJob, jobs.indices.contains(index),
              case .done(_, let output?) = jobs[index].phase, loadedClip?.jobID != jobs[index].job.id else { return nil }
        return (jobs[index].job.id, output)
    }

    /// What the preview pane shows: the selected finished job's clip when loaded, else the newest step
    /// preview while its job runs or is selected; nil when there is nothing.
    var shownPreview: ShownPreview? {
        if let clip = historyClip {
            return ShownPreview(source: .history(entryID: clip.entryID), revision: 0, frames: clip.frames, job: clip.job,
                                detail: "history #\(clip.entryID)")
        }
        if let index = selectedJob, jobs.indices.contains(index), case .done = jobs[index].phase,
           let clip = loadedClip, clip.jobID == jobs[index].job.id, let frames = clip.frames {
            return ShownPreview(source: .clip(jobID: clip.jobID), revision: 0, frames: frames, job: jobs[index].job,
                                detail: "#\(clip.jobID) result")
        }
        if let live = livePreview, let row = jobs.first(where: { $0.job.id == live.jobID }) {
            let selected = selectedJob.map { jobs.indices.contains($0) && jobs[$0].job.id == live.jobID } ?? false
            if case .running = row.phase {} else if !selected { return nil }
            return ShownPreview(source: .live(jobID: live.jobID), revision: live.step, frames: live.frames, job: row.job,
                                detail: "#\(live.jobID) step \(live.step)/\(live.count)")
        }
        return nil
    }

    /// Restarts playback when the shown preview changed; keeps its place when only its frames did.
    mutating func syncPlayback() {
        let shown = shownPreview
        if shown?.source != playbackSource {
            playbackSource = shown?.source
            playback = Playback(frameCount: shown?.frames.frames.count ?? 0)
        } else {
            playback.resize(frameCount: shown?.frames.frames.count ?? 0)
        }
    }
}

/// The newest x̂0 preview the engine posted for a job, at `step` of `count`.
struct LivePreview: Equatable {
    var jobID: Int
    var step: Int
    var count: Int
    var frames: PreviewFrames
}

/// A finished job's frames from its clip folder; `frames` is nil when reading them failed (the
/// status bar said why), so the studio does not try again on every key.
struct LoadedClip: Equatable {
    var jobID: Int
    var frames: PreviewFrames?
}

/// Where the shown preview comes from.
enum PreviewSource: Hashable {
    case live(jobID: Int)
    case clip(jobID: Int)
    case history(entryID: Int64)
}

/// A clip from the history, shown in the preview pane.
struct HistoryClip: Equatable {
    var entryID: Int64
    var frames: PreviewFrames
    var job: GenerationJob
}

/// The frames the preview pane shows and what to say under them.
struct ShownPreview: Equatable {
    var source: PreviewSource
    /// Changes when the frames of the same source change (a newer step).
    var revision: Int
    var frames: PreviewFrames
    var job: GenerationJob
    var detail: String
}
