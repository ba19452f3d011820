import ArgumentParser
import Engine
import Media
import Foundation

/// `studio generate`: one clip from the command line, for scripts and for parity checks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a clip from a prompt and write it to a file or folder.",
        discussion: """
        OUTPUT ending in .npy gets float32 frames of shape (F, H, W, 3) in [0, 1]; a folder (existing \
        or new) gets frame_0000.png, frame_0001.png, …; .mp4 (H.264), .webm (VP9) or .gif (one palette for \
        the clip, looping) gets a video with the settings inside and in a sidecar .json beside it \
        (clip.mp4 → clip.json), which `studio info` reads.
        """)

    @Option(help: "A model folder (diffusers or ModelScope layout) or a hub name in the Hugging Face cache (default: the first complete model in the search order; `studio doctor` shows it).")
    var model: String?
    @Option(help: ArgumentHelp("Make a clip again from the settings stored with it (a .mp4/.webm/.gif, its .json, or a "
                               + "history entry's number); options given beside it override those settings.", valueName: "file|id"))
    var from: String?
    @Option(help: "What the clip should show (required unless --from gives it).")
    var prompt: String?
    @Option(name: .customLong("negative-prompt"), help: "What the clip should avoid.")
    var negativePrompt: String?
    @Option(help: "Random seed (default: a random one, printed).")
    var seed: UInt64?
    @Option(help: "Denoising steps (default: the model's, else 50).")
    var steps: Int?
    @Option(help: "Classifier-free guidance scale (default: the model's, else 9.0).")
    var guidance: Float?
    @Option(help: "Number of frames (default: the model's, else 16).")
    var frames: Int?
    @Option(help: "Width in pixels (a multiple of 8; default: the model's).")
    var width: Int?
    @Option(help: "Height in pixels (default: the model's).")
    var height: Int?
    @Option(help: "Sampler: ddim or dpm++ (default ddim).")
    var scheduler: String?
    @Option(help: DeviceOption.help)
    var device: DeviceChoice = .auto
    @OptionGroup var export: ExportOptions
    @Flag(name: .customLong("no-history"), help: "Do not record the clip in the history.")
    var noHistory = false

    func validate() throws {
        guard prompt != nil || from != nil else { throw ValidationError("--prompt is required (or --from FILE)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if let frames, frames < 1 { throw ValidationError("--frames must be at least 1, got \(frames)") }
        if let guidance, !(guidance.isFinite && guidance >= 0) { throw ValidationError("--guidance must be ≥ 0, got \(guidance)") }
        if let scheduler, SamplerKind(rawValue: scheduler) == nil {
            throw ValidationError("unknown --scheduler \(scheduler); use \(SamplerKind.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        for (name, value) in [("--width", width), ("--height", height)] {
            if let value, value <= 0 || value % 8 != 0 {
                throw ValidationError("\(name) must be a positive multiple of 8, got \(value)")
            }
        }
        _ = try export.target(frames: frames)
    }

    func run() throws {
        let target = try export.target(frames: frames)
        try target.checkWritable(video: export.videoOptions)
        _ = try storedMetadata()
        let modelURL = try ModelOption.resolve(model)
        let backend = try DeviceOption.backend(device)
        let loadStart = Date()
        let pipeline: TextToVideoPipeline
        do {
            pipeline = try TextToVideoPipeline(folder: modelURL, backend: backend)
        } catch {
            throw CLIError("cannot load the model at \(modelURL.path): \(error)")
        }
        let weightsHash = try? WeightsFingerprint.compute(folder: pipeline.folder)
        FileHandle.standardError.write("studio: loaded \(modelURL.lastPathComponent) in \(String(format: "%.2f", Date().timeIntervalSince(loadStart))) s\n")
        if pipeline.folder.isRandomWeights {
            FileHandle.standardError.write("studio: note: \(modelURL.lastPathComponent) has random weights (\(pipeline.folder.note ?? "a test model")); clips will be noise-like\n")
        }
        let settings = try resolvedSettings(modelIndex: pipeline.folder.index)
        let progress = ProgressReporter(interactive: isatty(STDERR_FILENO) == 1)
        let clip: GeneratedClip
        do {
            clip = try pipeline.generate(settings) { event in progress.report(event) }
        } catch let error as ModelError {
            progress.finish()
            throw CLIError("generation failed: \(error)")
        } catch let error as BackendFailure {
            progress.finish()
            throw CLIError("generation failed on \(backend.name): \(error)")
        }
        progress.finish()
        let modelName = modelURL.lastPathComponent
        if let stored = try storedMetadata(), let hash = stored.modelWeightsHash, let weightsHash, hash != weightsHash {
            FileHandle.standardError.write("studio: note: \(from ?? "") was made with weights \(hash) (\(stored.modelName)); "
                                           + "\(modelName) has \(weightsHash), so the frames may differ\n")
        }
        var historyID: Int64?
        if !noHistory {
            do {
                historyID = try HistoryStore().record(clip, modelName: modelName, modelWeightsHash: weightsHash).id
                FileHandle.standardError.write("studio: recorded in the history as #\(historyID ?? 0)\n")
            } catch {
                FileHandle.standardError.write("studio: note: \(error)\n")
            }
        }
        try export.write(clip, modelName: modelName, modelWeightsHash: weightsHash, historyID: historyID)
    }

    /// What a clip was made with, when --from names one: a file with settings, or a history entry's number.
    private func storedMetadata() throws -> ClipMetadata? {
        guard let from else { return nil }
        do {
            if !FileManager.default.fileExists(atPath: from), let id = HistoryCommand.entryID(from) {
                return try HistoryStore().entry(id: id).metadata
            }
            return try ClipMetadataSource.read(describing: URL(fileURLWithPath: from)).metadata
        } catch {
            throw CLIError("--from \(from): \(error)")
        }
    }

    /// Stored settings (or the model's and then the pipeline's defaults), with every option given on the command line on top.
    private func resolvedSettings(modelIndex: ModelIndex) throws -> GenerationSettings {
        let stored = try storedMetadata()?.settings
        var settings = stored ?? GenerationSettings(prompt: "", seed: 0)
        if stored == nil {
            if let frames = modelIndex.defaultFrames { settings.frames = frames }
            if let steps = modelIndex.defaultSteps { settings.steps = steps }
            if let guidance = modelIndex.defaultGuidance { settings.guidance = guidance }
        }
        if let prompt { settings.prompt = prompt }
        if let negativePrompt { settings.negativePrompt = negativePrompt }
        if let steps { settings.steps = steps }
        if let guidance { settings.guidance = guidance }
        if let frames { settings.frames = frames }
        if let width { settings.width = width }
        if let height { settings.height = height }
        if let scheduler { settings.sampler = scheduler }
        if let seed {
            settings.seed = seed
        } else if stored == nil {
            settings.seed = UInt64.random(in: 0...UInt64(UInt32.max))
            FileHandle.standardError.write("studio: seed \(settings.seed)\n")
        }
        return settings
    }
}
