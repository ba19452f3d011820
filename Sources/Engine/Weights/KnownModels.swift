import Foundation

/// The native clip shape of published text-to-video models that share this engine, which their configs
/// do not record (diffusers users pass them by hand): Zeroscope's checkpoints are fine-tunes of
/// text-to-video-ms-1.7b at other sizes and lengths.
public enum KnownModels {
    public struct Shape: Equatable, Sendable {
        public let width: Int
        public let height: Int
        public let frames: Int
    }

    static let shapes: [String: Shape] = [
        "damo-vilab/text-to-video-ms-1.7b": Shape(width: 256, height: 256, frames: 16),
        "ali-vilab/text-to-video-ms-1.7b": Shape(width: 256, height: 256, frames: 16),
        "cerspense/zeroscope_v2_576w": Shape(width: 576, height: 320, frames: 24),
        "cerspense/zeroscope_v2_XL": Shape(width: 1024, height: 576, frames: 24),
        "cerspense/zeroscope_v2_dark_30x448x256": Shape(width: 448, height: 256, frames: 30),
        "cerspense/zeroscope_v2_30x448x256": Shape(width: 448, height: 256, frames: 30),
    ]

    /// The shape for a model folder, recognised by the hub name in a cache path
    /// (`…/models--OWNER--NAME/snapshots/REV`) or by a folder named like the repository.
    public static func shape(forFolder url: URL) -> Shape? {
        let parts = url.standardizedFileURL.pathComponents
        if let repository = parts.last(where: { $0.hasPrefix("models--") }) {
            let name = repository.dropFirst("models--".count).replacingOccurrences(of: "--", with: "/")
            if let shape = shapes[name] { return shape }
        }
        guard let folder = parts.last else { return nil }
        return shapes.first { $0.key.split(separator: "/").last.map(String.init) == folder }?.value
    }
}
