import Foundation

/// Byte-level BPE as CLIP uses it: a piece's UTF-8 bytes become one symbol each (the last one spelled with
/// `</w>`), then the adjacent pair with the lowest merge rank is merged until no pair has a rank.
/// Results are cached per piece, since prompts repeat words.
final class BytePairEncoder: @unchecked Sendable {
    private let merges: MergeRanks
    /// The id of each byte's symbol, and of the same symbol ending a word (`</w>`); -1 when missing.
    private let byteIDs: [Int32]
    private let finalByteIDs: [Int32]
    /// Stands in for a symbol missing from the vocabulary, as the tokenizers library's `unk_token` does.
    private let unknownID: Int32?

    private let cacheLock = NSLock()
    private var cache: [[UInt8]: [Int32]] = [:]
    /// The cache is emptied when it reaches this many pieces, so a huge input cannot grow it without bound.
    private let cacheLimit = 20_000

    init(vocabulary: TokenVocabulary, merges: MergeRanks, unknownID: Int32?) {
        self.merges = merges
        self.unknownID = unknownID
        var byteIDs = [Int32](repeating: -1, count: 256)
        var finalByteIDs = [Int32](repeating: -1, count: 256)
        for byte in 0..<256 {
            let symbol = String(ByteEncoder.scalarForByte[byte])
            byteIDs[byte] = vocabulary.id(of: symbol) ?? -1
            finalByteIDs[byte] = vocabulary.id(of: symbol + Self.endOfWord) ?? -1
        }
        self.byteIDs = byteIDs
        self.finalByteIDs = finalByteIDs
    }

    static let endOfWord = "</w>"

    /// The token ids of one pre-tokenised piece.
    func encode(_ piece: [UInt8]) -> [Int32] {
        cacheLock.lock()
        let cached = cache[piece]
        cacheLock.unlock()
        if let cached { return cached }

        let ids = merged(initialSymbols(piece))
        cacheLock.lock()
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[piece] = ids
        cacheLock.unlock()
        return ids
    }

    private func initialSymbols(_ piece: [UInt8]) -> [Int32] {
        var symbols: [Int32] = []
        symbols.reserveCapacity(piece.count)
        for (index, byte) in piece.enumerated() {
            let id = index == piece.count - 1 ? finalByteIDs[Int(byte)] : byteIDs[Int(byte)]
            if id >= 0 {
                symbols.append(id)
            } else if let unknownID {
                symbols.append(unknownID)
            }
        }
        return symbols
    }

    /// Applies merges lowest rank first; among equal ranks (the same pair several times) leftmost first.
    /// A heap of candidate pairs keeps this O(n log n) for very long pieces; entries made stale by an
    /// earlier merge are recognised on the way out and skipped.
    private func merged(_ initial: [Int32]) -> [Int32] {
        let count = initial.count
        guard count > 1 else { return initial }
        var symbols = initial
        var previous = (0..<count).map { $0 - 1 }
        var next = (0..<count).map { $0 + 1 < count ? $0 + 1 : -1 }
        var alive = [Bool](repeating: true, count: count)
        var candidates = CandidateHeap()
        for position in 0..<count - 1 {
            if let merge = merges.merge(symbols[position], symbols[position + 1]) {
                candidates.push(rank: merge.rank, position: position)
            }
        }
        while let (rank, position) = candidates.pop() {
            let right = next[position]
            guard alive[position], right >= 0,
                  let merge = merges.merge(symbols[position], symbols[right]), merge.rank == rank else { continue }
            symbols[position] = merge.mergedID
            alive[right] = false
            let afterRight = next[right]
            next[position] = afterRight
            if afterRight >= 0 { previous[afterRight] = position }
            let before = previous[position]
            if before >= 0, let left = merges.merge(symbols[before], symbols[position]) {
                candidates.push(rank: left.rank, position: before)
            }
            if afterRight >= 0, let following = merges.merge(symbols[position], symbols[afterRight]) {
                candidates.push(rank: following.rank, position: position)
            }
        }
        var result: [Int32] = []
        var position = 0
        while position >= 0 {
            result.append(symbols[position])
            position = next[position]
        }
        return result
    }
}

/// A binary min-heap of (rank, position) pairs packed into one integer, so ties in rank go leftmost first.
private struct CandidateHeap {
    private var items: [UInt64] = []

    mutating func push(rank: Int32, position: Int) {
        items.append(UInt64(UInt32(bitPattern: rank)) << 32 | UInt64(UInt32(position)))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (rank: Int32, position: Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count && items[left] < items[smallest] { smallest = left }
                if right < items.count && items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (Int32(bitPattern: UInt32(top >> 32)), Int(UInt32(truncatingIfNeeded: top)))
    }
}
