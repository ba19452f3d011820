import Foundation

/// The validated header of a safetensors file: every tensor's dtype, shape and byte range, plus the
/// optional `__metadata__` strings. Validation is complete, so later reads never leave the file.
///
/// Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the first byte after the
/// header), then the raw little-endian row-major data.
struct SafeTensorsHeader {
    /// No real checkpoint header comes near this; a larger length means a corrupt or foreign file.
    static let maximumLength = 100 * 1024 * 1024

    let tensors: [String: TensorInfo]
    let metadata: [String: String]
    /// Offset of the data section from the start of the file.
    let dataStart: Int

    init(url: URL, bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= 8 else { throw WeightError.truncated(url, expected: 8, found: bytes.count) }
        let declared = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard declared <= UInt64(Self.maximumLength) else {
            throw WeightError.badHeader(url, reason: "header length \(declared) exceeds the \(Self.maximumLength)-byte limit (not a safetensors file?)")
        }
        let length = Int(declared)
        guard length <= bytes.count - 8 else {
            throw WeightError.truncated(url, expected: 8 + length, found: bytes.count)
        }
        guard length >= 2, bytes[8] == UInt8(ascii: "{") else {
            throw WeightError.badHeader(url, reason: "header does not start with a JSON object")
        }
        let json = Data(bytes[8..<(8 + length)])
        guard String(data: json, encoding: .utf8) != nil else {
            throw WeightError.badHeader(url, reason: "header is not valid UTF-8")
        }

        let raw: RawHeader
        do {
            raw = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch let error as DecodingError {
            throw WeightError.badHeader(url, reason: Self.explain(error))
        }

        let dataStart = 8 + length
        let dataSize = bytes.count - dataStart
        var tensors: [String: TensorInfo] = [:]
        tensors.reserveCapacity(raw.entries.count)
        for (name, entry) in raw.entries {
            tensors[name] = try Self.validate(name: name, entry: entry, url: url, dataStart: dataStart, dataSize: dataSize)
        }
        try Self.checkNoOverlap(Array(tensors.values), url: url)

        self.tensors = tensors
        self.metadata = raw.metadata
        self.dataStart = dataStart
    }

    private static func validate(name: String, entry: RawEntry, url: URL, dataStart: Int, dataSize: Int) throws -> TensorInfo {
        guard let dtype = DType(rawValue: entry.dtype) else {
            throw WeightError.unknownDType(url, tensor: name, dtype: entry.dtype)
        }
        guard entry.shape.allSatisfy({ $0 >= 0 }) else {
            throw WeightError.badHeader(url, reason: "tensor '\(name)' has a negative dimension in shape \(entry.shape)")
        }
        guard entry.dataOffsets.count == 2 else {
            throw WeightError.badHeader(url, reason: "tensor '\(name)' has \(entry.dataOffsets.count) data_offsets, expected [begin, end]")
        }
        let begin = entry.dataOffsets[0], end = entry.dataOffsets[1]
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw WeightError.offsetsOutOfRange(url, tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        var expectedBytes = dtype.byteSize
        for dimension in entry.shape {
            let (product, overflow) = expectedBytes.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw WeightError.badHeader(url, reason: "tensor '\(name)' has shape \(entry.shape), too large to address")
            }
            expectedBytes = product
        }
        guard expectedBytes == end - begin else {
            throw WeightError.sizeMismatch(url, tensor: name, expectedBytes: expectedBytes, foundBytes: end - begin)
        }
        return TensorInfo(name: name, dtype: dtype, shape: entry.shape, byteRange: (dataStart + begin)..<(dataStart + end))
    }

    private static func checkNoOverlap(_ infos: [TensorInfo], url: URL) throws {
        // Empty tensors own no bytes, so they cannot collide with anything.
        let sorted = infos.filter { !$0.byteRange.isEmpty }
            .sorted { ($0.byteRange.lowerBound, $0.name) < ($1.byteRange.lowerBound, $1.name) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.byteRange.lowerBound < previous.byteRange.upperBound {
            throw WeightError.overlapping(url, previous.name, next.name)
        }
    }

    /// One line about where in the header JSON decoding failed, e.g. `tensor 'a.weight': shape[1]: …`.
    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "invalid JSON (\(ConfigDecoding.underlyingMessage(context)))"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "the header must be a JSON object"
        default:
            let context = ConfigDecoding.context(of: error)
            var path = context.codingPath
            var location = ""
            if let first = path.first {
                location = first.stringValue == "__metadata__" ? "__metadata__" : "tensor '\(first.stringValue)'"
                path.removeFirst()
            }
            if case .keyNotFound(let key, _) = error { path.append(key) }
            let rest = ConfigDecoding.keyPath(path)
            let what = ConfigDecoding.problem(error)
            return [location, rest, what].filter { !$0.isEmpty }.joined(separator: ": ")
        }
    }
}

/// The header JSON as written, before validation.
private struct RawHeader: Decodable {
    var entries: [(String, RawEntry)] = []
    var metadata: [String: String] = [:]

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries.append((key.stringValue, try container.decode(RawEntry.self, forKey: key)))
            }
        }
    }
}

private struct RawEntry: Decodable {
    let dtype: String
    let shape: [Int]
    let dataOffsets: [Int]

    enum CodingKeys: String, CodingKey {
        case dtype, shape
        case dataOffsets = "data_offsets"
    }
}
