import Foundation

/// CLIP's token ↔ id table read from vocab.json, keyed by the tokens' exact UTF-8 bytes.
///
/// A flat byte arena with an open-addressing index instead of `[String: Int]`: vocab.json has 49,408
/// entries, and Foundation's JSON parser plus Swift `String` hashing (which normalises non-ASCII text)
/// take well over 100 ms to load it; this takes a few milliseconds and compares bytes, as the Rust
/// tokenizer does.
struct TokenVocabulary: Sendable {
    /// All token spellings, back to back.
    private var arena: [UInt8] = []
    /// For entry `e`: its bytes are `arena[starts[e]..<starts[e + 1]]`.
    private var starts: [Int32] = [0]
    private var entryIDs: [Int32] = []
    private var entryHashes: [UInt64] = []
    /// Open-addressing slots holding entry numbers, -1 when empty; the count is a power of two.
    private var slots: [Int32] = []
    /// For each id, the entry spelling it (the last one, if vocab.json gives an id twice), -1 for none.
    private var entryForID: [Int32] = []

    /// The largest id vocab.json may use; bigger ids would make the id table needlessly large.
    static let idLimit = 1 << 24

    /// The number of distinct tokens.
    var count: Int { entryIDs.count }

    init<Entries: Sequence>(_ entries: Entries) where Entries.Element == (String, Int32) {
        for (token, id) in entries {
            Array(token.utf8).withUnsafeBufferPointer { insert($0, id: id) }
        }
    }

    /// Reads a vocab.json: one JSON object mapping each token to its integer id.
    init(contentsOf file: URL) throws {
        let data = try TokenizerFileReader.data(of: file)
        try data.withUnsafeBytes { raw in
            var parser = VocabularyJSONParser(bytes: raw.bindMemory(to: UInt8.self), file: file)
            try parser.parse { token, id in self.insert(token, id: id) }
        }
        guard count > 0 else { throw TokenizerError.malformedFile(file, reason: "the vocabulary is empty") }
    }

    func id(of token: String) -> Int32? {
        Array(token.utf8).withUnsafeBufferPointer { id(of: $0, followedBy: UnsafeBufferPointer(start: nil, count: 0)) }
    }

    /// The id of the token spelled `first` followed by `second` (so merge results need no concatenation).
    func id(of first: UnsafeBufferPointer<UInt8>, followedBy second: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let hash = Self.hash(second, continuing: Self.hash(first))
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return nil }
                if entryHashes[entry] == hash {
                    let start = Int(starts[entry]), end = Int(starts[entry + 1])
                    if end - start == first.count + second.count
                        && Self.equal(arena, start, first) && Self.equal(arena, start + first.count, second) {
                        return entryIDs[entry]
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The UTF-8 spelling of the token with this id, or nil if no token has it.
    func spelling(of id: Int32) -> ArraySlice<UInt8>? {
        guard id >= 0, Int(id) < entryForID.count else { return nil }
        let entry = Int(entryForID[Int(id)])
        guard entry >= 0 else { return nil }
        return arena[Int(starts[entry])..<Int(starts[entry + 1])]
    }

    /// Adds a token, or gives an existing spelling its new id (JSON's last-duplicate-wins).
    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, id: Int32) {
        if slots.count < 2 * (count + 1) { grow() }
        let existing: Int? = {
            let hash = Self.hash(bytes)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[slot])
                if entry < 0 {
                    slots[slot] = Int32(count)
                    entryHashes.append(hash)
                    return nil
                }
                if entryHashes[entry] == hash
                    && arena[Int(starts[entry])..<Int(starts[entry + 1])].elementsEqual(bytes) {
                    return entry
                }
                slot = (slot + 1) & mask
            }
        }()
        let entry: Int
        if let existing {
            entry = existing
            entryIDs[entry] = id
        } else {
            entry = count
            arena.append(contentsOf: bytes)
            starts.append(Int32(arena.count))
            entryIDs.append(id)
        }
        if Int(id) >= entryForID.count {
            entryForID.append(contentsOf: repeatElement(-1, count: Int(id) + 1 - entryForID.count))
        }
        entryForID[Int(id)] = Int32(entry)
    }

    private mutating func grow() {
        let capacity = max(1024, slots.count * 2)
        slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for entry in 0..<entryHashes.count {
            var slot = Int(truncatingIfNeeded: entryHashes[entry]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }

    /// FNV-1a, 64-bit: cheap, and it can continue over a second buffer.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, continuing seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    @inline(__always)
    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<bytes.count where arena[start + index] != bytes[index] { return false }
        return true
    }
}

/// A parser for exactly one shape of JSON, `{"token": id, …}`, that hands each key over as raw UTF-8.
private struct VocabularyJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: URL
    var position = 0
    /// Reused buffer for keys that contain escapes.
    var unescaped: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: URL) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func parse(_ body: (UnsafeBufferPointer<UInt8>, Int32) throws -> Void) throws {
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "a JSON object mapping tokens to ids")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipWhitespace()
                let plainKey = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after a key")
                skipWhitespace()
                let id = try integer()
                if let plainKey {
                    try body(UnsafeBufferPointer(rebasing: bytes[plainKey]), id)
                } else {
                    try unescaped.withUnsafeBufferPointer { try body($0, id) }
                }
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}' after an id")
                break
            }
        }
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected text after the closing '}'") }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard peek() == byte else { throw failure("expected \(what)") }
        position += 1
    }

    /// Reads a quoted key: its range in `bytes` when it has no escapes, else nil with it in `unescaped`.
    private mutating func string() throws -> Range<Int>? {
        try expect(UInt8(ascii: "\""), "a quoted token")
        let start = position
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw failure("control character inside a token") }
            position += 1
        }
        guard let stop = peek() else { throw failure("unterminated token") }
        if stop == UInt8(ascii: "\"") {
            position += 1
            return start..<position - 1
        }
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: bytes[start..<position])
        while true {
            guard let byte = peek() else { throw failure("unterminated token") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return nil
            case UInt8(ascii: "\\"):
                try unescape()
            case ..<0x20:
                throw failure("control character inside a token")
            default:
                unescaped.append(byte)
            }
        }
    }

    private mutating func unescape() throws {
        guard let code = peek() else { throw failure("unterminated escape") }
        position += 1
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(code)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hexQuad()
            if (0xD800..<0xDC00).contains(value) {
                guard peek() == UInt8(ascii: "\\") else { throw failure("unpaired surrogate escape") }
                position += 1
                try expect(UInt8(ascii: "u"), "a low surrogate escape")
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate escape") }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw failure("unpaired surrogate escape") }
            unescaped.append(contentsOf: String(scalar).utf8)
        default:
            throw failure("unknown escape \\\(Unicode.Scalar(code))")
        }
    }

    private mutating func hexQuad() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexDigit(byte) else { throw failure("bad \\u escape") }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func integer() throws -> Int32 {
        let start = position
        var value = 0
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
            guard value < TokenVocabulary.idLimit else {
                throw failure("an id is not below \(TokenVocabulary.idLimit)")
            }
        }
        let next = peek()
        guard position > start, next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else {
            throw failure("an id is not a non-negative integer")
        }
        return Int32(value)
    }

    private func failure(_ reason: String) -> TokenizerError {
        .malformedFile(file, reason: "\(reason) at byte \(position)")
    }
}
