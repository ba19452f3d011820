import ArgumentParser
import Engine
import Media
import Foundation

/// Where and how a clip is written: shared by `studio generate` and `studio export`, so both check and write
/// the same way (OutputTarget underneath).
struct ExportOptions: ParsableArguments {
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
    private var flagsGiven: [String] {
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

    /// The checked target; `frames` (when known) rules out interpolating a single frame.
    func target(frames: Int?) throws -> OutputTarget {
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
        } else if let flag = flagsGiven.first {
            throw ValidationError("\(flag) applies to .mp4, .webm and .gif output, not \(output)")
        }
        return target
    }

    func validate() throws { _ = try target(frames: nil) }

    /// Writes the clip; a failure says what went wrong and, when the clip is in the history, how to try again.
    func write(_ clip: GeneratedClip, modelName: String, modelWeightsHash: String?, historyID: Int64?) throws {
        let target = try target(frames: clip.frameCount)
        var video = videoOptions
        video.modelName = modelName
        video.modelWeightsHash = modelWeightsHash
        do {
            try target.write(clip, video: video)
        } catch let error as CLIError {
            guard let historyID else { throw error }
            throw CLIError("\(error.description); the clip is kept in the history as #\(historyID): "
                           + "try again with `studio export \(historyID) --output …`")
        }
        FileHandle.standardError.write("studio: wrote \(clip.frameCount) frames of \(clip.width)×\(clip.height) to \(output)\n")
        if target.isVideo {
            FileHandle.standardError.write("studio: settings in \(ClipMetadata.sidecarURL(for: URL(fileURLWithPath: output)).path)\n")
        }
    }
}
