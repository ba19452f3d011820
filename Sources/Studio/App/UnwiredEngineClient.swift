import TUI

/// Stand-in used until the engine worker exists: every job fails at once with a message saying
/// generation is not connected yet. Not a generation engine — it never pretends to produce a clip.
final class UnwiredEngineClient: EngineClient {
    let events: Mailbox<EngineEvent>

    init() throws {
        events = try Mailbox()
    }

    func submit(_ job: GenerationJob) {
        events.post(.failed(jobID: job.id, message: "generation is not connected to the studio yet; use `studio generate`"))
    }

    func cancel() {}
}
