import Foundation
import Engine

/// How a clip is turned into a file: format, frame rate, scaling, interpolation and quality.
public struct ExportSettings: Codable, Equatable, Sendable {
    public var format: VideoFormat
    /// Frames per second of the generated frames.
    public var fps: Int = 8
    /// Size factor applied with Lanczos (1 keeps the generated size).
    public var scale: Double = 1.0
    /// When set, motion-interpolated to this frame rate (libavfilter minterpolate).
    public var interpolateFPS: Int?
    /// Quality (lower is better); nil takes the format's default. Ignored for GIF.
    public var crf: Int?

    public init(format: VideoFormat, fps: Int = 8, scale: Double = 1.0, interpolateFPS: Int? = nil, crf: Int? = nil) {
        self.format = format
        self.fps = fps
        self.scale = scale
        self.interpolateFPS = interpolateFPS
        self.crf = crf
    }

    /// The CRF the encoder will use.
    public var effectiveCRF: Int? { format == .gif ? nil : (crf ?? format.defaultCRF) }

    /// The rate of the written file.
    public var outputFPS: Int { interpolateFPS ?? fps }

    public func validate() throws {
        guard (1...240).contains(fps) else { throw MediaError.invalidOption(option: "fps", problem: "must be 1…240, got \(fps)") }
        guard scale.isFinite, scale > 0, scale <= 16 else {
            throw MediaError.invalidOption(option: "scale", problem: "must be > 0 and ≤ 16, got \(scale)")
        }
        if let interpolateFPS {
            guard (1...240).contains(interpolateFPS), interpolateFPS > fps else {
                throw MediaError.invalidOption(option: "interpolate",
                                               problem: "must be a frame rate above fps (\(fps)) and ≤ 240, got \(interpolateFPS)")
            }
        }
        if let crf {
            guard let range = format.crfRange else {
                throw MediaError.invalidOption(option: "crf", problem: "does not apply to .\(format.fileExtension) "
                                               + "(GIF has a palette, not a quality level)")
            }
            guard range.contains(crf) else {
                throw MediaError.invalidOption(
                    option: "crf",
                    problem: "for .\(format.fileExtension) must be \(range.lowerBound)…\(range.upperBound), got \(crf)")
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, fps, scale, crf
        case interpolateFPS = "interpolate_fps"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(VideoFormat.self, forKey: .format)
        fps = try container.decode(Int.self, forKey: .fps)
        scale = try container.decodeIfPresent(Double.self, forKey: .scale) ?? 1
        interpolateFPS = try container.decodeIfPresent(Int.self, forKey: .interpolateFPS)
        crf = try container.decodeIfPresent(Int.self, forKey: .crf)
    }

    /// Absent values are written as null so every sidecar has the same keys.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(fps, forKey: .fps)
        try container.encode(scale, forKey: .scale)
        try container.encode(interpolateFPS, forKey: .interpolateFPS)
        try container.encode(crf, forKey: .crf)
    }
}
