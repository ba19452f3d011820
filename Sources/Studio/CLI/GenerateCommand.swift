import ArgumentParser
import Engine
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
    // Still to come (issue 7): `studio export ITEM` from the history.

    @Option(help: "A diffusers-layout model folder (default: the bundled demo model).")
    var model: String?
    @Option(help: ArgumentHelp("Make a clip again from the settings stored with it (a .mp4/.webm/.gif or its .json); "
                               + "options given beside it override those settings.", valueName: "file"))
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
    @Option(name: .shortAndLong, help: "Where to write the clip: x.mp4, x.webm, x.gif, x.npy or a folder for PNG frames.")
    var output: String
    @Option(help: "Video frame rate of the generated frames (.mp4/.webm/.gif).")
    var fps: Int = 8
    @Option(help: "Video size factor, resampled with Lanczos (e.g. 2 doubles the size).")
    var scale: Double = 1.0
    @Option(help: ArgumentHelp("Smooth motion by motion-compensated interpolation up to this frame rate (e.g. 24).",
                               valueName: "fps"))
    var interpolate: Int?
    @Option(help: "Video quality, lower is better: 0…51 for .mp4 (default 18), 0…63 for .webm (default 31).")
    var crf: Int?

    /// The export flags the user actually typed, so they can be refused for outputs they do not apply to.
    private var exportFlagsGiven: [String] {
        var given: [String] = []
        if fps != 8 { given.append("--fps") }
        if scale != 1 { given.append("--scale") }
        if interpolate != nil { given.append("--interpolate") }
        if crf != nil { given.append("--crf") }
        return given
    }

    var videoOptions: OutputTarget.VideoOptions {
        OutputTarget.VideoOptions(fps: fps, scale: scale, interpolateFPS: interpolate, crf: crf)
    }

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
        guard let target = OutputTarget(path: output) else {
            throw ValidationError("--output \(output): use a .mp4, .webm, .gif or .npy file, or a folder for PNG frames")
        }
        if case .video(_, let format) = target {
            do { try videoOptions.settings(for: format).validate() } catch MediaError.invalidOption(let option, let problem) {
                throw ValidationError("--\(option) \(problem)")
            }
            if interpolate != nil, let frames, frames < 2 {
                throw ValidationError("--interpolate needs at least 2 frames, got --frames \(frames)")
            }
        } else if let flag = exportFlagsGiven.first {
            throw ValidationError("\(flag) applies to .mp4, .webm and .gif output, not \(output)")
        }
    }

    func run() throws {
        let target = OutputTarget(path: output)!
        try target.checkWritable(video: videoOptions)
        _ = try storedSettings()
        let modelURL = try ModelOption.resolve(model)
        let loadStart = Date()
        let pipeline: TextToVideoPipeline
        do {
            pipeline = try TextToVideoPipeline(folder: modelURL)
        } catch {
            throw CLIError("cannot load the model at \(modelURL.path): \(error)")
        }
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
        }
        progress.finish()
        var video = videoOptions
        video.modelName = modelURL.lastPathComponent
        // No weights hash yet: nothing computes one for a model folder; ClipEncoder records it once something does.
        try target.write(clip, video: video)
        FileHandle.standardError.write("studio: wrote \(clip.frameCount) frames of \(clip.width)×\(clip.height) to \(output) in \(String(format: "%.1f", clip.seconds)) s\n")
        if target.isVideo {
            FileHandle.standardError.write("studio: settings in \(ClipMetadata.sidecarURL(for: URL(fileURLWithPath: output)).path)\n")
        }
    }

    /// The settings a clip was made with, when --from names one.
    private func storedSettings() throws -> GenerationSettings? {
        guard let from else { return nil }
        do {
            return try ClipMetadataSource.read(describing: URL(fileURLWithPath: from)).metadata.settings
        } catch {
            throw CLIError("--from \(from): \(error)")
        }
    }

    /// Stored settings (or the model's and then the pipeline's defaults), with every option given on the command line on top.
    private func resolvedSettings(modelIndex: ModelIndex) throws -> GenerationSettings {
        let stored = try storedSettings()
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
