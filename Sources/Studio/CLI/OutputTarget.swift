import Engine
import Foundation

/// Where `studio generate` writes a clip, decided by the path's form.
enum OutputTarget {
    case npy(URL)
    case pngFolder(URL)

    init?(path: String) {
        let url = URL(fileURLWithPath: path)
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

    /// Fails before any work starts when the clip could not be written afterwards.
    func checkWritable() throws {
        switch self {
        case .npy(let url):
            let folder = url.deletingLastPathComponent()
            guard FileManager.default.isWritableFile(atPath: folder.path) else {
                throw CLIError("cannot write \(url.path): folder \(folder.path) is missing or not writable")
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

    func write(_ clip: GeneratedClip) throws {
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
        }
    }
}
