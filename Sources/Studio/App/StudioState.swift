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
    var negative = TextEditor(text: "blurry, low quality, watermark, text")
    var focus: Pane = .prompt
    var settingsField: GenerationForm.Field = .seed
    var overlay: Overlay = .none
    var jobs: [JobRow] = []
    var selectedJob: Int?
    var status = Status(text: "type a prompt, then Ctrl-G (or Enter outside the text) to run", kind: .info)
    var nextJobID = 1
    var themeName = "default"
    /// One line about the model in use, shown under the settings.
    var modelSummary = "model: not found (see `studio doctor`)"
    /// A few short lines about terminal graphics, shown in the preview pane.
    var graphicsSummary = ["graphics not probed"]

    /// True while a job is queued or running (quitting then asks first).
    var hasActiveJobs: Bool { jobs.contains { $0.isActive } }

    /// The job being worked on, if any.
    var runningJob: JobRow? {
        jobs.first { if case .running = $0.phase { return true } else { return false } }
    }
}
