/// GPT-2's reversible table between the 256 byte values and printable characters, used by CLIP's byte-level BPE.
///
/// Bytes that are already printable (33–126, 161–172, 174–255) stand for themselves; the other 68 bytes
/// (0–32, 127–160, 173), in increasing order, take the code points 256, 257, …, 323. Vocabulary entries are
/// strings of these characters, so every byte sequence can be spelled without whitespace or control codes.
enum ByteEncoder {
    /// The character standing for each byte value, indexed by the byte.
    static let scalarForByte: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var nextExtra: UInt32 = 256
        for byte in 0..<256 {
            if isPrintable(byte) {
                table[byte] = Unicode.Scalar(UInt32(byte))!
            } else {
                table[byte] = Unicode.Scalar(nextExtra)!
                nextExtra += 1
            }
        }
        return table
    }()

    /// The byte each table character stands for, indexed by code point (0…323); -1 where none does.
    private static let byteForCodePoint: [Int16] = {
        var table = [Int16](repeating: -1, count: 324)
        for (byte, scalar) in scalarForByte.enumerated() {
            table[Int(scalar.value)] = Int16(byte)
        }
        return table
    }()

    /// The 256 byte values in the order CLIP's vocabulary lists their characters (ids 0…255): the printable
    /// ones first, then the remapped ones.
    static let vocabularyOrder: [UInt8] =
        (0...255).filter { isPrintable($0) }.map(UInt8.init) + (0...255).filter { !isPrintable($0) }.map(UInt8.init)

    /// The byte `scalar` stands for, or nil if it is not one of the table's characters.
    @inline(__always)
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = Int(scalar.value)
        guard value < byteForCodePoint.count else { return nil }
        let byte = byteForCodePoint[value]
        return byte < 0 ? nil : UInt8(byte)
    }

    /// The table's spelling of `bytes`.
    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var result = String.UnicodeScalarView()
        for byte in bytes { result.append(scalarForByte[Int(byte)]) }
        return String(result)
    }

    private static func isPrintable(_ byte: Int) -> Bool {
        (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte)
    }
}
