import Foundation
import TUI
@testable import Studio

/// A test engine: each submitted job "runs" on a background thread, posting started, a few steps
/// and finished (or cancelled when `cancel()` was called first) to its mailbox.
final class FakeEngineClient: EngineClient, @unchecked Sendable {
    let events: Mailbox<EngineEvent>
    private(set) var submitted: [GenerationJob] = []
    private(set) var cancelCount = 0
    private let lock = NSLock()
    private var cancelRequested = false
    /// When false, jobs stay "running" after their first step until `cancel()`.
    var finishes = true

    init() throws {
        events = try Mailbox()
    }

    func submit(_ job: GenerationJob) {
        submitted.append(job)
        let finishes = self.finishes
        Thread { [self] in
            events.post(.started(jobID: job.id))
            events.post(.step(jobID: job.id, index: 1, count: job.form.steps, elapsedSeconds: 0.5))
            if finishes {
                events.post(.finished(jobID: job.id, seconds: 2, output: "/tmp/clip-\(job.id).mp4"))
                return
            }
            while true {
                lock.lock()
                let stop = cancelRequested
                lock.unlock()
                if stop { break }
                usleep(1000)
            }
            events.post(.cancelled(jobID: job.id))
        }.start()
    }

    func cancel() {
        cancelCount += 1
        lock.lock()
        cancelRequested = true
        lock.unlock()
    }
}
