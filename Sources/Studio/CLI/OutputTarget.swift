import Engine
import Media
import Foundation

/// Where `studio generate` writes a clip, decided by the path's form.
enum OutputTarget: Equatable {
    case npy(URL)
    case pngFolder(URL)
    /// .mp4, .webm or .gif, with a sidecar .json beside it.
    case video(URL, VideoFormat)

    /// What a video export needs beyond the clip: how to encode it and what to record about the model.
    struct VideoOptions {
        var fps = 8
        var scale = 1.0
        var interpolateFPS: Int?
        var crf: Int?
        var modelName = ""
        var modelWeightsHash: String?

        func settings(for format: VideoFormat) -> ExportSettings {
            ExportSettings(format: format, fps: fps, scale: scale, interpolateFPS: interpolateFPS, crf: crf)
        }
    }

    init?(path: String) {
        let url = URL(fileURLWithPath: path)
        if let format = VideoFormat(path: path) {
            self = .video(url, format)
            return
        }
        switch url.pathExtension.lowercased() {
        case "npy": self = .npy(url)
        case "": self = .pngFolder(url)
        default:
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                self = .pngFolder(url)
            } else {
                return nil
            }
        }
    }

    var isVideo: Bool {
        if case .video = self { return true }
        return false
    }

    /// Fails before any work starts when the clip could not be written afterwards.
    func checkWritable(video: VideoOptions = VideoOptions()) throws {
        switch self {
        case .npy(let url), .video(let url, _):
            let folder = url.deletingLastPathComponent()
            guard FileManager.default.isWritableFile(atPath: folder.path) else {
                throw CLIError("cannot write \(url.path): folder \(folder.path) is missing or not writable")
            }
            if case .video(_, let format) = self {
                // Names a missing encoder (say, libx264) now rather than after the generation.
                do { _ = try ClipEncoder(settings: video.settings(for: format)) } catch let error as MediaError {
                    throw CLIError(error.description)
                }
            }
        case .pngFolder(let url):
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw CLIError("cannot create folder \(url.path): \(error.localizedDescription)")
            }
            guard FileManager.default.isWritableFile(atPath: url.path) else {
                throw CLIError("cannot write into \(url.path): not writable")
            }
        }
    }

    func write(_ clip: GeneratedClip, video: VideoOptions = VideoOptions()) throws {
        switch self {
        case .npy(let url):
            do { try NPYWriter.write(clip.frames, to: url) } catch {
                throw CLIError("cannot write \(url.path): \(error.localizedDescription)")
            }
        case .pngFolder(let url):
            let bytes = clip.rgb8()
            let frameBytes = clip.width * clip.height * 3
            for f in 0..<clip.frameCount {
                let png = try PNGEncoder.encode(rgb: Array(bytes[(f * frameBytes)..<((f + 1) * frameBytes)]),
                                                width: clip.width, height: clip.height)
                let file = url.appendingPathComponent(String(format: "frame_%04d.png", f))
                do { try png.write(to: file, options: .atomic) } catch {
                    throw CLIError("cannot write \(file.path): \(error.localizedDescription)")
                }
            }
        case .video(let url, let format):
            do {
                try ClipEncoder(settings: video.settings(for: format))
                    .write(clip, to: url, modelName: video.modelName, modelWeightsHash: video.modelWeightsHash,
                           studioVersion: StudioVersion.current)
            } catch let error as MediaError {
                throw CLIError(error.description)
            }
        }
    }
}
