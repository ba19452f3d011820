import ArgumentParser
import Engine
import Media
import Foundation

/// `studio info`: the settings that made an exported clip, from its sidecar JSON or its container tags.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the settings a clip was made with (from clip.json beside it, or the .mp4/.webm tags).")

    @Flag(name: .long, help: "Print the settings as JSON (the sidecar's format).")
    var json = false

    @Argument(help: ArgumentHelp("An exported clip (.mp4, .webm, .gif) or its sidecar .json.", valueName: "file"))
    var file: String

    func run() throws {
        let url = URL(fileURLWithPath: file)
        do {
            let found = try ClipMetadataSource.read(describing: url)
            if json {
                print(String(decoding: try found.metadata.jsonData(), as: UTF8.self))
            } else {
                let probe = VideoFormat(path: file) == nil ? nil : try? MediaProbe.open(url)
                print(Self.humanReport(found.metadata, source: found.source, probe: probe))
            }
        } catch let error as MediaError {
            throw CLIError(error.description)
        }
    }

    static func humanReport(_ metadata: ClipMetadata, source: ClipMetadataSource, probe: MediaProbe?) -> String {
        let settings = metadata.settings
        var rows: [(String, String)] = [
            ("prompt", settings.prompt),
            ("negative prompt", settings.negativePrompt ?? "—"),
            ("seed", String(settings.seed)),
            ("steps", String(settings.steps)),
            ("guidance", String(settings.guidance)),
            ("sampler", settings.sampler),
            ("frames", String(settings.frames)),
            ("size", settings.width.flatMap { w in settings.height.map { "\(w)×\($0)" } } ?? "model default"),
            ("model", metadata.modelName),
            ("weights hash", metadata.modelWeightsHash ?? "—"),
            ("studio version", metadata.studioVersion),
        ]
        if let export = metadata.export {
            var parts = [export.format.rawValue, "\(export.fps) fps"]
            if export.scale != 1 { parts.append("scale \(export.scale)") }
            if let rate = export.interpolateFPS { parts.append("interpolated to \(rate) fps") }
            if let crf = export.crf { parts.append("crf \(crf)") }
            rows.append(("export", parts.joined(separator: ", ")))
        }
        if let probe {
            var parts = [probe.codec, "\(probe.width)×\(probe.height)"]
            if let pixelFormat = probe.pixelFormat { parts.append(pixelFormat) }
            parts.append("\(probe.packets) frames")
            if let duration = probe.duration { parts.append(String(format: "%.2f s", duration)) }
            rows.append(("file", parts.joined(separator: ", ")))
        }
        switch source {
        case .sidecar(let url): rows.append(("read from", url.path))
        case .containerTags(let url): rows.append(("read from", "\(url.path) (container tags)"))
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            (label + ":").padding(toLength: width + 2, withPad: " ", startingAt: 0) + value
        }.joined(separator: "\n")
    }
}
