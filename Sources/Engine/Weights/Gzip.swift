import Foundation

/// Decompresses a gzip file (RFC 1952) holding DEFLATE data (RFC 1951): enough for OpenCLIP's
/// `bpe_simple_vocab_16e6.txt.gz`, as no zlib binding is available to the engine.
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let reason: String
        public var description: String { "not a readable gzip file: \(reason)" }
    }

    public static func decompress(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 18, data[0] == 0x1F, data[1] == 0x8B, data[2] == 8 else { throw Failure(reason: "bad header") }
        let flags = data[3]
        var offset = 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard offset + 2 <= data.count else { throw Failure(reason: "truncated header") }
            offset += 2 + Int(data[offset]) + Int(data[offset + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            guard offset < data.count, let end = data[offset...].firstIndex(of: 0) else { throw Failure(reason: "truncated header") }
            offset = end + 1
        }
        if flags & 0x02 != 0 { offset += 2 }  // FHCRC
        guard offset < data.count else { throw Failure(reason: "truncated header") }
        var inflater = Inflater(data, start: offset)
        return try inflater.run()
    }

    /// A DEFLATE stream decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
    private struct Inflater {
        private let input: [UInt8]
        private var position: Int
        private var bitBuffer: UInt32 = 0
        private var bitCount = 0
        private var output: [UInt8] = []

        init(_ input: [UInt8], start: Int) {
            self.input = input
            self.position = start
        }

        private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                           4097, 6145, 8193, 12289, 16385, 24577]
        private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

        /// Canonical Huffman code as counts per length and symbols in code order.
        private struct Huffman {
            var counts = [Int](repeating: 0, count: 16)
            var symbols: [Int] = []

            init(lengths: [Int]) {
                for length in lengths { counts[length] += 1 }
                counts[0] = 0
                var offsets = [Int](repeating: 0, count: 16)
                for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
                symbols = [Int](repeating: 0, count: lengths.count)
                for (symbol, length) in lengths.enumerated() where length != 0 {
                    symbols[offsets[length]] = symbol
                    offsets[length] += 1
                }
            }
        }

        mutating func run() throws -> [UInt8] {
            var last = false
            while !last {
                last = try bits(1) == 1
                switch try bits(2) {
                case 0: try stored()
                case 1: try block(literals: Self.fixedLiterals, distances: Self.fixedDistances)
                case 2:
                    let (literals, distances) = try dynamicTables()
                    try block(literals: literals, distances: distances)
                default: throw Failure(reason: "reserved block type")
                }
            }
            return output
        }

        private static let fixedLiterals = Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
        private static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30))

        private mutating func bits(_ count: Int) throws -> Int {
            while bitCount < count {
                guard position < input.count else { throw Failure(reason: "data ends early") }
                bitBuffer |= UInt32(input[position]) << UInt32(bitCount)
                position += 1
                bitCount += 8
            }
            let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
            bitBuffer >>= UInt32(count)
            bitCount -= count
            return value
        }

        private mutating func stored() throws {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw Failure(reason: "data ends early") }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            position += 4
            guard position + length <= input.count else { throw Failure(reason: "data ends early") }
            output.append(contentsOf: input[position..<(position + length)])
            position += length
        }

        private mutating func decode(_ code: Huffman) throws -> Int {
            var value = 0, first = 0, index = 0
            for length in 1..<16 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - count < first { return code.symbols[index + value - first] }
                index += count
                first = (first + count) << 1
                value <<= 1
            }
            throw Failure(reason: "bad Huffman code")
        }

        private mutating func block(literals: Huffman, distances: Huffman) throws {
            while true {
                let symbol = try decode(literals)
                if symbol < 256 {
                    output.append(UInt8(symbol))
                } else if symbol == 256 {
                    return
                } else {
                    let lengthIndex = symbol - 257
                    guard lengthIndex < 29 else { throw Failure(reason: "bad length code") }
                    let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
                    let distanceIndex = try decode(distances)
                    guard distanceIndex < 30 else { throw Failure(reason: "bad distance code") }
                    let distance = Self.distanceBase[distanceIndex] + (try bits(Self.distanceExtra[distanceIndex]))
                    guard distance <= output.count else { throw Failure(reason: "distance before the start") }
                    let start = output.count - distance
                    for step in 0..<length { output.append(output[start + step]) }
                }
            }
        }

        private mutating func dynamicTables() throws -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeCount = try bits(4) + 4
            var codeLengths = [Int](repeating: 0, count: 19)
            for index in 0..<codeCount { codeLengths[Self.codeLengthOrder[index]] = try bits(3) }
            let lengthCode = Huffman(lengths: codeLengths)
            var lengths: [Int] = []
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(lengthCode)
                switch symbol {
                case 0..<16: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else { throw Failure(reason: "repeat with nothing before") }
                    lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
                case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                }
            }
            guard lengths.count == literalCount + distanceCount else { throw Failure(reason: "code lengths overrun") }
            return (Huffman(lengths: Array(lengths[..<literalCount])), Huffman(lengths: Array(lengths[literalCount...])))
        }
    }
}
