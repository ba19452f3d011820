import CSixel

/// Why a picture could not be turned into sixel, or sixel back into a picture.
public enum SixelError: Error, Equatable, CustomStringConvertible {
    case noPictures
    /// The sequence decoded to no pixels (no raster, or no bands).
    case emptyPicture
    case libsixel(call: String, status: Int)

    public var description: String {
        switch self {
        case .noPictures: return "sixel: no pictures to build a palette from"
        case .emptyPicture: return "sixel: the sequence holds no picture"
        case .libsixel(let call, let status):
            return "sixel: libsixel \(call) failed with status 0x\(String(status, radix: 16))"
        }
    }

    /// Throws when libsixel reports failure for `call`.
    static func check(_ status: SIXELSTATUS, _ call: String) throws(SixelError) {
        if csixel_failed(status) != 0 { throw SixelError.libsixel(call: call, status: Int(status)) }
    }
}
