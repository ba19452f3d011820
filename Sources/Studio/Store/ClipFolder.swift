import Engine
import Media
import Foundation

/// One folder per finished clip under $XDG_DATA_HOME/studio/clips: PNG frames, frames.npy, settings.json,
/// thumbnail.png and clip.mp4 (with its sidecar). The folder is filled under a hidden staging name and renamed
/// whole, so a folder under its final name is always complete; the history commits its row only after that.
struct ClipFolder {
    static let stagingSuffix = ".partial"
    static let framesFile = "frames.npy"
    static let settingsFile = "settings.json"
    static let thumbnailFile = "thumbnail.png"
    /// The thumbnail's longer side, in pixels.
    static let thumbnailSide = 96

    let root: URL

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        root = Self.dataFolder(environment: environment).appendingPathComponent("clips")
    }

    init(root: URL) { self.root = root }

    /// $XDG_DATA_HOME/studio, or ~/.local/share/studio.
    static func dataFolder(environment: [String: String]) -> URL {
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return data.appendingPathComponent("studio")
    }

    /// Writes the clip and returns its folder; nothing half-written is ever left under its final name.
    func save(_ clip: GeneratedClip, jobID: Int, model: String, modelWeightsHash: String? = nil) throws -> URL {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        // The token keeps two clips of the same second, seed and job number (two CLI runs) apart.
        let token = UUID().uuidString.prefix(4).lowercased()
        let name = "\(stamp)-\(token)-seed\(clip.settings.seed)-\(jobID)"
        let staging = root.appendingPathComponent(".\(name)\(Self.stagingSuffix)")
        let final = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try fill(staging, with: clip, model: model, modelWeightsHash: modelWeightsHash)
            try FileManager.default.moveItem(at: staging, to: final)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return final
    }

    private func fill(_ staging: URL, with clip: GeneratedClip, model: String, modelWeightsHash: String?) throws {
        let bytes = clip.rgb8()
        let frameBytes = clip.width * clip.height * 3
        for f in 0..<clip.frameCount {
            let png = try PNGEncoder.encode(rgb: Array(bytes[(f * frameBytes)..<((f + 1) * frameBytes)]),
                                            width: clip.width, height: clip.height)
            try png.write(to: staging.appendingPathComponent(String(format: "frame_%04d.png", f)))
        }
        try NPYWriter.write(clip.frames, to: staging.appendingPathComponent(Self.framesFile))
        let middle = clip.frameCount / 2
        let thumbnail = Self.thumbnail(rgb: Array(bytes[(middle * frameBytes)..<((middle + 1) * frameBytes)]),
                                       width: clip.width, height: clip.height)
        try PNGEncoder.encode(rgb: thumbnail.rgb, width: thumbnail.width, height: thumbnail.height)
            .write(to: staging.appendingPathComponent(Self.thumbnailFile))
        let metadata = ClipMetadata(clip: clip, modelName: model, modelWeightsHash: modelWeightsHash,
                                    studioVersion: StudioVersion.current)
        var record = try JSONSerialization.jsonObject(with: metadata.jsonData()) as? [String: Any] ?? [:]
        record["seconds"] = clip.seconds
        try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
            .write(to: staging.appendingPathComponent(Self.settingsFile))
        // An MP4 to share straight away; the PNG frames and frames.npy above are already safe if this fails.
        if let encoder = try? ClipEncoder(settings: ExportSettings(format: .mp4)) {
            _ = try? encoder.write(clip, to: staging.appendingPathComponent("clip.mp4"), modelName: model,
                                   modelWeightsHash: modelWeightsHash, studioVersion: StudioVersion.current)
        }
    }

    /// The frame box-averaged down so its longer side is at most `thumbnailSide`.
    static func thumbnail(rgb: [UInt8], width: Int, height: Int) -> (rgb: [UInt8], width: Int, height: Int) {
        let factor = max(1, (max(width, height) + thumbnailSide - 1) / thumbnailSide)
        let (outWidth, outHeight) = (max(1, width / factor), max(1, height / factor))
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * 3)
        for y in 0..<outHeight {
            for x in 0..<outWidth {
                for channel in 0..<3 {
                    var sum = 0
                    for dy in 0..<factor {
                        for dx in 0..<factor {
                            sum += Int(rgb[((y * factor + dy) * width + x * factor + dx) * 3 + channel])
                        }
                    }
                    out[(y * outWidth + x) * 3 + channel] = UInt8(sum / (factor * factor))
                }
            }
        }
        return (out, outWidth, outHeight)
    }
}
