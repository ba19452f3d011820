import Foundation

/// The central directory of a zip archive whose entries are stored uncompressed, as PyTorch writes
/// its checkpoints: each entry's name and where its bytes lie in the file. ZIP64 records are read,
/// as multi-GB checkpoints need them. Compressed entries are listed but refused when asked for.
struct ZipDirectory {
    struct Entry: Equatable {
        let name: String
        /// 0 = stored; anything else is compressed.
        let method: UInt16
        let size: Int
        let localHeaderOffset: Int
    }

    let url: URL
    let entries: [String: Entry]
    private let bytes: UnsafeRawBufferPointer

    /// `bytes` is the whole file (a mapping that the caller keeps alive).
    init(url: URL, bytes: UnsafeRawBufferPointer) throws {
        self.url = url
        self.bytes = bytes
        let end = try Self.endRecord(in: bytes, url: url)
        var count = Int(Self.read16(bytes, end + 10))
        var directorySize = Int(Self.read32(bytes, end + 12))
        var directoryOffset = Int(Self.read32(bytes, end + 16))
        if directoryOffset == 0xFFFF_FFFF || count == 0xFFFF || directorySize == 0xFFFF_FFFF {
            // The ZIP64 locator sits just before the end record and points at the ZIP64 end record.
            let locator = end - 20
            guard locator >= 0, Self.read32(bytes, locator) == 0x0706_4B50 else {
                throw WeightError.badArchive(url, reason: "ZIP64 sizes without a ZIP64 locator")
            }
            let record = Int(Self.read64(bytes, locator + 8))
            guard record >= 0, record + 56 <= bytes.count, Self.read32(bytes, record) == 0x0606_4B50 else {
                throw WeightError.badArchive(url, reason: "ZIP64 end record missing")
            }
            count = Int(Self.read64(bytes, record + 32))
            directorySize = Int(Self.read64(bytes, record + 40))
            directoryOffset = Int(Self.read64(bytes, record + 48))
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset + directorySize <= bytes.count else {
            throw WeightError.badArchive(url, reason: "central directory lies outside the file")
        }
        var entries: [String: Entry] = [:]
        var cursor = directoryOffset
        for _ in 0..<count {
            guard cursor + 46 <= bytes.count, Self.read32(bytes, cursor) == 0x0201_4B50 else {
                throw WeightError.badArchive(url, reason: "central directory entry \(entries.count) is damaged")
            }
            let method = Self.read16(bytes, cursor + 10)
            var size = Int(Self.read32(bytes, cursor + 24))
            let compressed = Int(Self.read32(bytes, cursor + 20))
            let nameLength = Int(Self.read16(bytes, cursor + 28))
            let extraLength = Int(Self.read16(bytes, cursor + 30))
            let commentLength = Int(Self.read16(bytes, cursor + 32))
            var localOffset = Int(Self.read32(bytes, cursor + 42))
            let nameStart = cursor + 46
            guard nameStart + nameLength + extraLength <= bytes.count else {
                throw WeightError.badArchive(url, reason: "central directory runs past the end")
            }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<(nameStart + nameLength)]), as: UTF8.self)
            // The ZIP64 extra field holds, in order, only the values whose 32-bit field is saturated.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let tag = Self.read16(bytes, extra), length = Int(Self.read16(bytes, extra + 2))
                let fieldEnd = extra + 4 + length
                guard fieldEnd <= extraEnd else { throw WeightError.badArchive(url, reason: "extra field of '\(name)' runs past its entry") }
                if tag == 0x0001 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF, field + 8 <= fieldEnd { size = Int(Self.read64(bytes, field)); field += 8 }
                    if compressed == 0xFFFF_FFFF { field += 8 }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= fieldEnd { localOffset = Int(Self.read64(bytes, field)) }
                }
                extra = fieldEnd
            }
            entries[name] = Entry(name: name, method: method, size: size, localHeaderOffset: localOffset)
            cursor = extraEnd + commentLength
        }
        self.entries = entries
    }

    /// The file offsets of an entry's bytes; it must be stored uncompressed and lie inside the file.
    func range(of name: String) throws -> Range<Int> {
        guard let entry = entries[name] else { throw WeightError.badArchive(url, reason: "no entry '\(name)'") }
        guard entry.method == 0 else {
            throw WeightError.badArchive(url, reason: "entry '\(name)' is compressed (method \(entry.method)); PyTorch checkpoints store entries uncompressed")
        }
        let header = entry.localHeaderOffset
        guard header >= 0, header + 30 <= bytes.count, Self.read32(bytes, header) == 0x0403_4B50 else {
            throw WeightError.badArchive(url, reason: "local header of '\(name)' is damaged")
        }
        let start = header + 30 + Int(Self.read16(bytes, header + 26)) + Int(Self.read16(bytes, header + 28))
        guard entry.size >= 0, start + entry.size <= bytes.count else {
            throw WeightError.truncated(url, expected: start + entry.size, found: bytes.count)
        }
        return start..<(start + entry.size)
    }

    /// The end-of-central-directory record, searched backwards over the largest possible comment.
    private static func endRecord(in bytes: UnsafeRawBufferPointer, url: URL) throws -> Int {
        guard bytes.count >= 22 else { throw WeightError.badArchive(url, reason: "too short to be a zip archive") }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var offset = bytes.count - 22
        while offset >= lowest {
            if read32(bytes, offset) == 0x0605_4B50 { return offset }
            offset -= 1
        }
        throw WeightError.badArchive(url, reason: "not a zip archive (no end-of-directory record)")
    }

    static func read16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
        UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    static func read32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    static func read64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
