import CFFmpeg
import Engine

/// Versions of the linked FFmpeg libraries and which of the encoders studio exports with exist.
public struct FFmpegInfo: Equatable, Sendable {
    /// A library's name with its version as packed by FFmpeg's `*_version()` (major.minor.micro).
    public struct Library: Equatable, Sendable {
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// The FFmpeg release the libraries come from (`av_version_info`, e.g. "5.1.6-0+deb12u1").
    public var release: String
    public var libraries: [Library]
    /// An encoder studio may export with and whether `avcodec_find_encoder_by_name` finds it.
    public struct Encoder: Equatable, Sendable {
        public var name: String
        public var available: Bool
        public init(name: String, available: Bool) {
            self.name = name
            self.available = available
        }
    }

    public var encoders: [Encoder]

    public init(release: String, libraries: [Library], encoders: [Encoder]) {
        self.release = release
        self.libraries = libraries
        self.encoders = encoders
    }

    /// Encoders studio can export with: H.264 MP4, VP9 WebM, GIF, PNG frames.
    public static let exportEncoders = ["libx264", "libvpx-vp9", "gif", "png"]

    /// Queries the linked libraries.
    public static func current() -> FFmpegInfo {
        FFmpegInfo(
            release: av_version_info().map { String(cString: $0) } ?? "unknown",
            libraries: [
                Library(name: "libavformat", version: unpack(avformat_version())),
                Library(name: "libavcodec", version: unpack(avcodec_version())),
                Library(name: "libavutil", version: unpack(avutil_version())),
                Library(name: "libswscale", version: unpack(swscale_version())),
                Library(name: "libavfilter", version: unpack(avfilter_version())),
            ],
            encoders: exportEncoders.map { Encoder(name: $0, available: hasEncoder($0)) })
    }

    /// True when the linked libavcodec has an encoder of that name.
    public static func hasEncoder(_ name: String) -> Bool {
        avcodec_find_encoder_by_name(name) != nil
    }

    /// FFmpeg packs versions as major << 16 | minor << 8 | micro.
    static func unpack(_ packed: UInt32) -> String {
        "\(packed >> 16).\((packed >> 8) & 0xFF).\(packed & 0xFF)"
    }
}
