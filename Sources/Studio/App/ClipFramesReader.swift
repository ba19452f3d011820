import Engine
import Foundation

/// Reads a finished clip's `frames.npy` — float32 `(F, H, W, 3)` in [0, 1], little-endian, C order —
/// as 8-bit RGB frames for the preview pane (the PNGs need a decoder only the engine has).
enum ClipFramesReader {
    static let fileName = "frames.npy"

    /// The frames of the clip saved in `folder`.
    static func read(folder: String) throws -> PreviewFrames {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { throw ClipFramesError.unreadable(path: path) }
        return try decode(data, path: path)
    }

    /// The frames of the clip saved in `folder` as float32 values, shape (F, H, W, 3), to export or compare.
    static func readTensor(folder: String) throws -> Tensor {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { throw ClipFramesError.unreadable(path: path) }
        let (bytes, bodyStart, shape) = try parse(data, path: path)
        let count = shape.reduce(1, *)
        let values: [Float] = bytes.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: bodyStart + $0 * 4, as: UInt32.self))) }
        }
        return Tensor(shape: shape, values: values)
    }

    static func decode(_ data: Data, path: String) throws -> PreviewFrames {
        let (bytes, bodyStart, shape) = try parse(data, path: path)
        let (count, height, width) = (shape[0], shape[1], shape[2])
        let frameValues = height * width * 3
        var frames: [[UInt8]] = []
        frames.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            for f in 0..<count {
                let base = bodyStart + f * frameValues * 4
                frames.append((0..<frameValues).map { i in
                    let value = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + i * 4, as: UInt32.self)))
                    // Same rounding as the engine's PNG frames; NaN shows as black.
                    return value.isNaN ? 0 : UInt8((min(max(value, 0), 1) * 255).rounded())
                })
            }
        }
        return PreviewFrames(width: width, height: height, frames: frames)
    }

    /// The file's bytes, where the values start, and the (frames, height, width, 3) shape, checked against the size.
    private static func parse(_ data: Data, path: String) throws -> (bytes: [UInt8], bodyStart: Int, shape: [Int]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw ClipFramesError.badHeader(path: path, reason: "not a .npy file (no \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let headerStart = major == 1 ? 10 : 12
        guard bytes.count >= headerStart else { throw ClipFramesError.badHeader(path: path, reason: "file ends inside the header") }
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let bodyStart = headerStart + headerLength
        guard bytes.count >= bodyStart else { throw ClipFramesError.badHeader(path: path, reason: "file ends inside the header") }
        let header = String(decoding: bytes[headerStart..<bodyStart], as: UTF8.self)
        guard header.contains("'descr': '<f4'") else {
            throw ClipFramesError.unsupported(path: path, reason: "element type is not little-endian float32 ('<f4')")
        }
        guard header.contains("'fortran_order': False") else {
            throw ClipFramesError.unsupported(path: path, reason: "Fortran (column-major) order")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw ClipFramesError.badHeader(path: path, reason: "no shape in the header")
        }
        let shape = header[open.upperBound..<close].split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard shape.count == 4, shape[3] == 3, shape[0] > 0, shape[1] > 0, shape[2] > 0 else {
            throw ClipFramesError.unsupported(path: path, reason: "shape \(shape) is not (frames, height, width, 3)")
        }
        let needed = shape.reduce(1, *) * 4
        guard bytes.count - bodyStart >= needed else {
            throw ClipFramesError.truncated(path: path, expected: needed, found: bytes.count - bodyStart)
        }
        return (bytes, bodyStart, shape)
    }
}

/// Why a clip's frames could not be shown.
enum ClipFramesError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case badHeader(path: String, reason: String)
    case unsupported(path: String, reason: String)
    case truncated(path: String, expected: Int, found: Int)

    var description: String {
        switch self {
        case .unreadable(let path): return "cannot read \(path)"
        case .badHeader(let path, let reason): return "\(path): \(reason)"
        case .unsupported(let path, let reason): return "\(path): unsupported array: \(reason)"
        case .truncated(let path, let expected, let found):
            return "\(path): truncated: needs \(expected) bytes of frames, has \(found)"
        }
    }
}
