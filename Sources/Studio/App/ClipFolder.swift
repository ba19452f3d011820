import Engine
import Foundation

/// Where the studio keeps finished clips until the history lands: one folder per clip under
/// $XDG_DATA_HOME/studio/clips: PNG frames, frames.npy, settings.json and clip.mp4 (with its sidecar),
/// written under a temporary name and renamed.
struct ClipFolder {
    let root: URL

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        root = data.appendingPathComponent("studio/clips")
    }

    init(root: URL) { self.root = root }

    /// Writes the clip and returns its folder; nothing half-written is ever left under its final name.
    func save(_ clip: GeneratedClip, jobID: Int, model: String) throws -> URL {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let name = "\(stamp)-seed\(clip.settings.seed)-\(jobID)"
        let staging = root.appendingPathComponent(".\(name).partial")
        let final = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let bytes = clip.rgb8()
        let frameBytes = clip.width * clip.height * 3
        for f in 0..<clip.frameCount {
            let png = try PNGEncoder.encode(rgb: Array(bytes[(f * frameBytes)..<((f + 1) * frameBytes)]),
                                            width: clip.width, height: clip.height)
            try png.write(to: staging.appendingPathComponent(String(format: "frame_%04d.png", f)))
        }
        try NPYWriter.write(clip.frames, to: staging.appendingPathComponent("frames.npy"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var record = try JSONSerialization.jsonObject(with: encoder.encode(clip.settings)) as? [String: Any] ?? [:]
        record["model"] = model
        record["seconds"] = clip.seconds
        try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
            .write(to: staging.appendingPathComponent("settings.json"))
        // An MP4 to share straight away; the PNG frames and frames.npy above are already safe if this fails.
        if let encoder = try? ClipEncoder(settings: ExportSettings(format: .mp4)) {
            _ = try? encoder.write(clip, to: staging.appendingPathComponent("clip.mp4"), modelName: model,
                                   studioVersion: StudioVersion.current)
        }
        try FileManager.default.moveItem(at: staging, to: final)
        return final
    }
}
