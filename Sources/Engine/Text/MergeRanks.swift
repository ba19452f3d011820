import Foundation

/// The BPE merge table from merges.txt: for each adjacent pair of token ids, its rank (the line's position,
/// lower merges first) and the id of the merged token.
struct MergeRanks: Sendable {
    struct Merge: Sendable {
        let rank: Int32
        let mergedID: Int32
    }

    private var merges: [UInt64: Merge]

    var count: Int { merges.count }

    /// Reads merges.txt as the tokenizers library does: lines starting with `#version` are skipped, every
    /// other line is exactly two tokens separated by one space, and the n-th such line has rank n. Both
    /// tokens and their concatenation must be in the vocabulary. A pair listed twice keeps its last rank.
    init(contentsOf file: URL, vocabulary: TokenVocabulary) throws {
        let data = try TokenizerFileReader.data(of: file)
        merges = [:]
        merges.reserveCapacity(data.count / 10)
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var rank: Int32 = 0
            var lineNumber = 0
            var lineStart = 0
            while lineStart < bytes.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let next = lineEnd + 1
                if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                lineStart = next
                if line.starts(with: "#version".utf8) { continue }
                guard let space = line.firstIndex(of: 0x20),
                      line[(space + 1)...].firstIndex(of: 0x20) == nil else {
                    throw TokenizerError.malformedFile(
                        file, reason: "line \(lineNumber) is not two tokens separated by one space")
                }
                let left = UnsafeBufferPointer(rebasing: line[..<space])
                let right = UnsafeBufferPointer(rebasing: line[(space + 1)...])
                let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                guard let leftID = vocabulary.id(of: left, followedBy: empty),
                      let rightID = vocabulary.id(of: right, followedBy: empty),
                      let mergedID = vocabulary.id(of: left, followedBy: right) else {
                    throw TokenizerError.malformedFile(
                        file, reason: "line \(lineNumber) (\(String(decoding: line, as: UTF8.self))) "
                            + "uses a token that is not in vocab.json")
                }
                merges[Self.key(leftID, rightID)] = Merge(rank: rank, mergedID: mergedID)
                rank += 1
            }
        }
    }

    @inline(__always)
    func merge(_ left: Int32, _ right: Int32) -> Merge? { merges[Self.key(left, right)] }

    @inline(__always)
    private static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }
}
