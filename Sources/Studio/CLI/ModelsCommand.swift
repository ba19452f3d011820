import ArgumentParser
import Engine
import Foundation

/// `studio models`: every model studio can find, with its layout, weight type, size and place.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models studio finds (--model, $STUDIO_MODEL, the config file, the Hugging Face and ModelScope caches, the demo).")

    @Option(name: .long, help: "A model folder or hub name to list besides the usual places.")
    var model: String?

    struct Row: Equatable {
        var name: String
        var layout: String
        var dtype: String
        var size: String
        var place: String
    }

    func run() throws {
        let locator = ModelLocator.standard(explicitPath: model, environment: ProcessInfo.processInfo.environment)
        print(Self.render(Self.rows(locator)))
    }

    /// One row per distinct model folder, in search order; the caches' other text-to-video models too.
    static func rows(_ locator: ModelLocator) -> [Row] {
        var found: [(String, ModelLocator.ModelFolder)] = []
        for candidate in locator.candidates() {
            guard case .found(let folder) = candidate.status else { continue }
            let name: String
            switch candidate.source {
            case "bundled demo": name = "demo (bundled)"
            case let source where source.hasPrefix("~/.cache/modelscope") || source == "$MODELSCOPE_CACHE": name = "damo/text-to-video-synthesis"
            default: name = hubName(of: folder.root) ?? URL(fileURLWithPath: folder.root).lastPathComponent
            }
            found.append((name, folder))
        }
        found += locator.hubModels()
        var seen: Set<String> = []
        return found.compactMap { name, folder in
            let key = URL(fileURLWithPath: folder.root).resolvingSymlinksInPath().path
            guard seen.insert(key).inserted else { return nil }
            return row(name: name, folder: folder)
        }
    }

    private static func row(name: String, folder: ModelLocator.ModelFolder) -> Row {
        var row = Row(name: name, layout: folder.layout.rawValue, dtype: "—", size: "—", place: folder.root)
        guard folder.isComplete else {
            row.dtype = "incomplete: missing " + (folder.hasModelIndex ? folder.missingComponents.joined(separator: ", ") : "model_index.json")
            return row
        }
        guard let model = try? Engine.ModelFolder(url: URL(fileURLWithPath: folder.root)) else {
            row.dtype = "unreadable"
            return row
        }
        row.dtype = (try? model.weights("unet").dtypeSummary) ?? "unreadable unet"
        if model.isRandomWeights { row.dtype += " (random)" }
        row.size = ByteCountText.format(model.sizeOnDisk())
        return row
    }

    /// `owner/name` for a snapshot inside a Hugging Face cache (…/models--owner--name/snapshots/rev).
    static func hubName(of root: String) -> String? {
        let parts = root.split(separator: "/")
        guard parts.count >= 3, parts[parts.count - 2] == "snapshots", parts[parts.count - 3].hasPrefix("models--") else { return nil }
        return parts[parts.count - 3].dropFirst("models--".count).replacingOccurrences(of: "--", with: "/")
    }

    static func render(_ rows: [Row]) -> String {
        guard !rows.isEmpty else { return "no models found (`studio doctor` lists where studio looks)" }
        let header = Row(name: "NAME", layout: "LAYOUT", dtype: "DTYPE", size: "SIZE", place: "WHERE")
        let all = [header] + rows
        let widths = [all.map(\.name.count).max()!, all.map(\.layout.count).max()!, all.map(\.dtype.count).max()!, all.map(\.size.count).max()!]
        return all.map { row in
            zip([row.name, row.layout, row.dtype, row.size], widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "  " + row.place
        }.joined(separator: "\n")
    }
}
