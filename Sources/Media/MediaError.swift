import CFFmpeg
import Foundation
import Engine

/// Why a clip could not be exported or its metadata read, naming the file, encoder or value to fix.
public enum MediaError: Error, CustomStringConvertible, Equatable {
    /// This FFmpeg build lacks an encoder a format needs (e.g. libx264 for .mp4).
    case encoderMissing(encoder: String, format: VideoFormat)
    /// This FFmpeg build lacks a filter an option needs (e.g. minterpolate for --interpolate).
    case filterMissing(filter: String, neededFor: String)
    /// The path's extension names no format we can write.
    case unsupportedFormat(path: String)
    /// A setting outside what the format accepts; `option` is the ExportSettings name (fps, scale, interpolate, crf).
    case invalidOption(option: String, problem: String)
    /// The frames given do not match the size announced.
    case invalidFrames(String)
    /// The target folder is missing or not writable, or the final rename failed.
    case cannotWrite(path: String, reason: String)
    /// The file could not be opened or parsed as a media file.
    case cannotRead(path: String, reason: String)
    /// Neither a sidecar JSON nor studio container tags were found.
    case noMetadata(path: String)
    /// The sidecar or tag JSON exists but does not decode.
    case badMetadata(path: String, reason: String)
    /// An FFmpeg call failed mid-encode.
    case ffmpeg(operation: String, code: Int32)

    public var description: String {
        switch self {
        case .encoderMissing(let encoder, let format):
            return "cannot write .\(format.fileExtension): this FFmpeg build has no \(encoder) encoder "
                + "(install an FFmpeg/libavcodec built with \(encoder), or choose another format)"
        case .filterMissing(let filter, let neededFor):
            return "this FFmpeg build has no \(filter) filter, needed for \(neededFor)"
        case .unsupportedFormat(let path):
            return "cannot export \(path): use a .mp4, .webm or .gif file name"
        case .invalidOption(let option, let problem):
            return "export option \(option) \(problem)"
        case .invalidFrames(let why):
            return "invalid frames: \(why)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .noMetadata(let path):
            return "\(path) has no studio settings (no sidecar .json beside it and no studio tags inside)"
        case .badMetadata(let path, let reason):
            return "the studio settings in \(path) are unreadable: \(reason)"
        case .ffmpeg(let operation, let code):
            return "FFmpeg failed while \(operation): \(MediaError.ffmpegMessage(code))"
        }
    }

    /// FFmpeg's own text for an error code (e.g. "No such file or directory").
    static func ffmpegMessage(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        av_strerror(code, &buffer, buffer.count)
        return String(cString: buffer) + " (\(code))"
    }
}
