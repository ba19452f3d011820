import Foundation
import Engine

/// Where a file's studio settings were found: its sidecar JSON, or the tags inside the container.
public enum ClipMetadataSource: Equatable, Sendable {
    case sidecar(URL)
    case containerTags(URL)

    /// The sidecar first (it is what GIFs have, and what a user may have edited on purpose), then the container's tags.
    public static func read(describing file: URL) throws -> (metadata: ClipMetadata, source: ClipMetadataSource) {
        if file.pathExtension.lowercased() == "json" {
            return (try decodeSidecar(file), .sidecar(file))
        }
        let sidecar = ClipMetadata.sidecarURL(for: file)
        if FileManager.default.fileExists(atPath: sidecar.path) {
            return (try decodeSidecar(sidecar), .sidecar(sidecar))
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw MediaError.cannotRead(path: file.path, reason: "no such file")
        }
        let probe = try MediaProbe.open(file)
        guard let metadata = try ContainerTags.metadata(in: probe.tags, source: file.path) else {
            throw MediaError.noMetadata(path: file.path)
        }
        return (metadata, .containerTags(file))
    }

    private static func decodeSidecar(_ url: URL) throws -> ClipMetadata {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MediaError.cannotRead(path: url.path, reason: error.localizedDescription)
        }
        return try ClipMetadata.decode(json: data, source: url.path)
    }
}
