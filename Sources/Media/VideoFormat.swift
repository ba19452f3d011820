import Foundation
import Engine

/// A container and codec studio can export a clip to, chosen by the file extension.
public enum VideoFormat: String, Codable, CaseIterable, Sendable {
    case mp4
    case webm
    case gif

    /// The format a path's extension names, or nil for any other extension.
    public init?(path: String) {
        self.init(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    public var fileExtension: String { rawValue }

    /// libavformat's muxer name.
    var muxerName: String { rawValue }

    /// libavcodec's encoder name; checked with avcodec_find_encoder_by_name before any work.
    public var encoderName: String {
        switch self {
        case .mp4: return "libx264"
        case .webm: return "libvpx-vp9"
        case .gif: return "gif"
        }
    }

    /// The quality default: CRF 18 is visually near-lossless for x264; VP9's scale runs 0…63 and 31 is its usual pick.
    public var defaultCRF: Int? {
        switch self {
        case .mp4: return 18
        case .webm: return 31
        case .gif: return nil
        }
    }

    /// The valid CRF range, or nil where the format has no quality knob (GIF).
    public var crfRange: ClosedRange<Int>? {
        switch self {
        case .mp4: return 0...51
        case .webm: return 0...63
        case .gif: return nil
        }
    }

    /// Whether the container carries studio's settings as tags (GIF has nowhere to put them: sidecar only).
    public var carriesMetadata: Bool { self != .gif }

    /// yuv420p needs even sizes; the palette path does not.
    var needsEvenSize: Bool { self != .gif }
}
