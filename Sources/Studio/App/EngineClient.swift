import TUI

/// One generation the studio asks for: the form's settings plus the texts, under a job number.
struct GenerationJob: Equatable, Sendable {
    var id: Int
    var prompt: String
    var negativePrompt: String
    var form: GenerationForm
}

/// Preview frames for the preview pane: RGB888 rows, `width × height` each.
struct PreviewFrames: Equatable, Sendable {
    var width: Int
    var height: Int
    var frames: [[UInt8]]
}

/// What a generation engine reports back, always about one job.
enum EngineEvent: Equatable, Sendable {
    case started(jobID: Int)
    /// Denoising step `index` (1-based) of `count` finished after `elapsedSeconds` of work.
    case step(jobID: Int, index: Int, count: Int, elapsedSeconds: Double)
    case preview(jobID: Int, frames: PreviewFrames)
    /// The finished clip's first frame, decoded, just before `finished`: the job's thumbnail from then on.
    case firstFrame(jobID: Int, frame: PreviewFrames)
    /// The clip is done; `output` names where it was written, if it was.
    case finished(jobID: Int, seconds: Double, output: String?)
    case failed(jobID: Int, message: String)
    case cancelled(jobID: Int)

    var jobID: Int {
        switch self {
        case .started(let id), .step(let id, _, _, _), .preview(let id, _), .firstFrame(let id, _), .finished(let id, _, _),
             .failed(let id, _), .cancelled(let id):
            return id
        }
    }
}

/// The seam between the studio and whatever runs generations (the lead's EngineWorker).
///
/// Calls come from the UI thread. The client runs jobs one at a time in submission order and
/// posts every `EngineEvent` to `events` from its own thread; the UI loop polls the mailbox's
/// descriptor next to stdin, so nothing else crosses threads.
protocol EngineClient: AnyObject {
    /// Where the client posts events; the UI loop drains it.
    var events: Mailbox<EngineEvent> { get }
    /// Queues a job; it will be reported `started`, then `step`s, then one of finished/failed/cancelled.
    func submit(_ job: GenerationJob)
    /// Stops the running job (it reports `cancelled`); queued jobs stay queued.
    func cancel()
}
