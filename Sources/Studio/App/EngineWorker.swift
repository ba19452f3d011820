import Engine
import Foundation
import TUI

/// Runs the studio's generations on a background thread that owns the model: loads it once on first
/// use, runs jobs one at a time in order, and posts every event to the UI loop's mailbox.
final class EngineWorker: EngineClient {
    let events: Mailbox<EngineEvent>
    private let modelURL: URL
    private let backend: any Backend
    private let history: HistoryStore?
    /// Where clips go when the history could not be opened.
    private let clips: ClipFolder
    private let condition = NSCondition()
    private var queue: [GenerationJob] = []
    private var running: CancellationToken?
    private var stopping = false

    init(modelURL: URL, backend: any Backend = CPUBackend.shared, history: HistoryStore?, clips: ClipFolder) throws {
        events = try Mailbox()
        self.modelURL = modelURL
        self.backend = backend
        self.history = history
        self.clips = clips
        let thread = Thread { [weak self] in self?.serve() }
        thread.name = "studio.engine"
        thread.stackSize = 8 << 20
        // Signals must reach the UI thread, which owns the terminal.
        TerminalGuard.withTerminalSignalsBlocked { thread.start() }
        // The caller is the UI thread; everything else (the BLAS pool included) yields to it.
        BackgroundPriority.lowerAllThreads(except: BackgroundPriority.currentThreadID())
    }

    func submit(_ job: GenerationJob) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        running?.cancel()
        condition.unlock()
    }

    /// Stops after the running job (cancelled) and drops queued ones; used when the studio quits.
    func stop() {
        condition.lock()
        stopping = true
        queue.removeAll()
        running?.cancel()
        condition.signal()
        condition.unlock()
    }

    private func nextJob() -> (GenerationJob, CancellationToken)? {
        condition.lock()
        defer { condition.unlock() }
        // Idle with nothing queued: give the engine's recycled buffers (up to 768 MB) back to the system; a queue
        // of jobs (a sweep) keeps them, which saves re-faulting the same memory for every job.
        if queue.isEmpty { BufferPool.shared.drain() }
        while queue.isEmpty && !stopping { condition.wait() }
        guard !stopping else { return nil }
        let token = CancellationToken()
        running = token
        return (queue.removeFirst(), token)
    }

    private func serve() {
        // Before any work: threads the engine starts from here inherit the niceness.
        BackgroundPriority.lowerCurrentThread()
        var pipeline: TextToVideoPipeline?
        var weightsHash: String?
        while let (job, token) = nextJob() {
            events.post(.started(jobID: job.id))
            do {
                let loaded = try pipeline ?? TextToVideoPipeline(folder: modelURL, backend: backend)
                if pipeline == nil { weightsHash = try? WeightsFingerprint.compute(folder: loaded.folder) }
                pipeline = loaded
                let clip = try loaded.generate(Self.settings(for: job), cancellation: token) { [events] event in
                    switch event {
                    case .step(let index, let total, _, let elapsed):
                        events.post(.step(jobID: job.id, index: index, count: total, elapsedSeconds: elapsed))
                    case .preview(let preview):
                        events.post(.preview(jobID: job.id, frames: Self.frames(of: preview)))
                    case .done, .failed, .cancelled:
                        break
                    }
                }
                // The results grid shows the decoded clip rather than the last step's latent sketch.
                let frameBytes = clip.width * clip.height * 3
                events.post(.firstFrame(jobID: job.id, frame: PreviewFrames(
                    width: clip.width, height: clip.height, frames: [Array(clip.rgb8().prefix(frameBytes))])))
                let model = modelURL.lastPathComponent
                let folder = try history.map { try $0.folderURL(of: $0.record(clip, modelName: model, modelWeightsHash: weightsHash, jobID: job.id)) }
                    ?? clips.save(clip, jobID: job.id, model: model, modelWeightsHash: weightsHash)
                events.post(.finished(jobID: job.id, seconds: clip.seconds, output: folder.path))
            } catch ModelError.cancelled {
                events.post(.cancelled(jobID: job.id))
            } catch {
                events.post(.failed(jobID: job.id, message: "\(error)"))
            }
            condition.lock()
            running = nil
            condition.unlock()
        }
    }

    static func settings(for job: GenerationJob) -> GenerationSettings {
        let form = job.form
        return GenerationSettings(
            prompt: job.prompt, negativePrompt: job.negativePrompt.isEmpty ? nil : job.negativePrompt,
            seed: form.seed, steps: form.steps, guidance: Float(form.guidance), frames: form.frames,
            width: form.width, height: form.height, sampler: form.sampler)
    }

    static func frames(of preview: PreviewClip) -> PreviewFrames {
        let size = preview.width * preview.height * 3
        return PreviewFrames(width: preview.width, height: preview.height,
                             frames: (0..<preview.frames).map { Array(preview.rgb[($0 * size)..<(($0 + 1) * size)]) })
    }
}
