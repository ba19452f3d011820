import Foundation

/// A PyTorch zip checkpoint (`torch.save` of a state dict, `.pth` / `.bin` / `.pt`), memory-mapped:
/// the pickle in `<archive>/data.pkl` is read by the restricted `PickleReader` (nothing from the file is
/// run) and each tensor points into its storage entry `<archive>/data/<key>`. Strides and storage
/// offsets are honoured; F32 tensors that are contiguous and aligned borrow the mapping.
public final class TorchCheckpoint: TensorSource, @unchecked Sendable {
    public let url: URL
    public let names: [String]

    private let mapping: MappedFile
    private let tensors: [String: (reference: TorchTensorReference, info: TensorInfo)]

    /// Contiguous half-precision tensors of at least this many elements become parameters widened at use.
    private let widenOnUseMinimumCount: Int

    public init(url: URL, widenOnUseMinimumCount: Int = Parameter.widenOnUseMinimumCount) throws {
        let mapping = try MappedFile(url: url)
        let bytes = UnsafeRawBufferPointer(start: mapping.base, count: mapping.size)
        if mapping.size >= 2, bytes[0] == 0x80 {
            throw WeightError.unsupportedFormat(url, reason: "a legacy (pre-1.6) PyTorch pickle, not a zip checkpoint; re-save it with torch.save in a current PyTorch, or as safetensors")
        }
        let archive = try ZipDirectory(url: url, bytes: bytes)
        guard let pickleName = archive.entries.keys.filter({ $0.hasSuffix("data.pkl") }).min(by: { $0.count < $1.count }) else {
            throw WeightError.badArchive(url, reason: "no data.pkl entry (not a PyTorch checkpoint)")
        }
        let prefix = String(pickleName.dropLast("data.pkl".count))
        if let order = archive.entries[prefix + "byteorder"] {
            let range = try archive.range(of: order.name)
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            guard text.trimmingCharacters(in: .whitespacesAndNewlines) == "little" else {
                throw WeightError.unsupportedFormat(url, reason: "tensors stored \(text) byte order; only little-endian is read")
            }
        }
        let pickleRange = try archive.range(of: pickleName)
        let root = try PickleReader.read(Array(UnsafeRawBufferPointer(rebasing: bytes[pickleRange])), url: url)

        var tensors: [String: (TorchTensorReference, TensorInfo)] = [:]
        for (name, reference) in try Self.stateDict(root, url: url) {
            let entry = try archive.range(of: "\(prefix)data/\(reference.storage.key)")
            tensors[name] = (reference, try Self.info(name: name, reference, entry: entry, url: url))
        }
        self.url = url
        self.widenOnUseMinimumCount = widenOnUseMinimumCount
        self.mapping = mapping
        self.tensors = tensors
        self.names = tensors.keys.sorted()
    }

    public var fileSize: Int { mapping.size }

    public func info(_ name: String) -> TensorInfo? { tensors[name]?.info }

    public func tensor(_ name: String) throws -> Tensor {
        guard let (reference, info) = tensors[name] else { throw WeightError.missingTensor(url, tensor: name) }
        guard info.dtype.isLoadableAsFloat else {
            throw WeightError.notLoadable(url, tensor: name, dtype: info.dtype.rawValue)
        }
        let count = info.elementCount
        if count == 0 { return Tensor(uninitialized: info.shape) }
        let source = mapping.base + info.byteRange.lowerBound
        guard Self.isContiguous(reference) else { return gather(reference, from: source, info: info) }
        switch info.dtype {
        case .f32 where info.byteRange.lowerBound % MemoryLayout<Float>.alignment == 0:
            let floats = UnsafeMutablePointer(mutating: source.assumingMemoryBound(to: Float.self))
            return Tensor(shape: info.shape, storage: TensorStorage(borrowing: floats, count: count, owner: mapping))
        case .f32:
            let copy = Tensor(uninitialized: info.shape)
            UnsafeMutableRawPointer(copy.pointer).copyMemory(from: source, byteCount: info.byteCount)
            return copy
        case .f16:
            let converted = Tensor(uninitialized: info.shape)
            HalfPrecision.convertF16(source, to: converted.pointer, count: count)
            return converted
        default:
            let converted = Tensor(uninitialized: info.shape)
            HalfPrecision.convertBF16(source, to: converted.pointer, count: count)
            return converted
        }
    }

    /// The named tensor as a layer parameter: contiguous F16/BF16 tensors of `widenOnUseMinimumCount`
    /// elements or more stay in the mapping and are widened at each use, as from safetensors, so a
    /// half-precision ModelScope or Zeroscope checkpoint needs no float32 copy of the whole model.
    public func parameter(_ name: String) throws -> Parameter {
        guard let (reference, info) = tensors[name] else { throw WeightError.missingTensor(url, tensor: name) }
        guard info.dtype == .f16 || info.dtype == .bf16, info.elementCount >= widenOnUseMinimumCount,
              Self.isContiguous(reference) else {
            return Parameter(try tensor(name))
        }
        return .mappedHalf(mapping, byteOffset: info.byteRange.lowerBound, isF16: info.dtype == .f16, shape: info.shape)
    }

    /// A strided view copied element by element into row-major order.
    private func gather(_ reference: TorchTensorReference, from source: UnsafeRawPointer, info: TensorInfo) -> Tensor {
        let result = Tensor(uninitialized: info.shape)
        let shape = reference.shape, strides = reference.strides
        var index = [Int](repeating: 0, count: shape.count)
        for position in 0..<info.elementCount {
            let element = zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
            result.pointer[position] = Self.float(at: element, in: source, dtype: info.dtype)
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    private static func float(at element: Int, in source: UnsafeRawPointer, dtype: DType) -> Float {
        switch dtype {
        case .f32:
            return Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: element * 4, as: UInt32.self)))
        case .f16:
            let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: element * 2, as: UInt16.self))
            return HalfPrecision.f16Table[Int(bits)]
        default:
            let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: element * 2, as: UInt16.self))
            return Float(bitPattern: UInt32(bits) << 16)
        }
    }

    /// Row-major with no gaps; strides of size-1 dimensions do not matter.
    static func isContiguous(_ reference: TorchTensorReference) -> Bool {
        var expected = 1
        for (size, stride) in zip(reference.shape, reference.strides).reversed() where size != 1 {
            if stride != expected { return false }
            expected *= size
        }
        return true
    }

    /// Checks that every element the view reaches lies inside its storage and the storage inside its
    /// entry; the byte range starts at the view's first element and spans its furthest one.
    private static func info(name: String, _ reference: TorchTensorReference, entry: Range<Int>, url: URL) throws -> TensorInfo {
        let storage = reference.storage
        let elementSize = storage.dtype.byteSize
        let (storageBytes, tooLarge) = storage.count.multipliedReportingOverflow(by: elementSize)
        guard !tooLarge, storageBytes <= entry.count else {
            throw WeightError.truncated(url, expected: entry.lowerBound + storage.count * elementSize, found: entry.upperBound)
        }
        var count = 1
        for size in reference.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            // A state dict's tensor never has more elements than its storage (no broadcast views).
            guard !overflow, product <= max(storage.count, 1) || size == 0 else {
                throw WeightError.badPickle(url, reason: "tensor '\(name)' of shape \(reference.shape) has more elements than its storage (\(storage.count))")
            }
            count = product
        }
        var last = reference.offset
        for (size, stride) in zip(reference.shape, reference.strides) where size > 0 {
            let (step, overflow) = (size - 1).multipliedReportingOverflow(by: stride)
            guard !overflow else { throw WeightError.badPickle(url, reason: "tensor '\(name)' has strides too large to address") }
            last += step
        }
        guard count == 0 || last < storage.count else {
            throw WeightError.offsetsOutOfRange(url, tensor: name, begin: reference.offset * elementSize,
                                                end: (last + 1) * elementSize, dataSize: storage.count * elementSize)
        }
        let start = entry.lowerBound + reference.offset * elementSize
        let span = count == 0 ? 0 : max(count, last - reference.offset + 1) * elementSize
        return TensorInfo(name: name, dtype: storage.dtype, shape: reference.shape, byteRange: start..<(start + span))
    }

    /// Name → tensor of the unpickled root: a dict of tensors, or one nested under `state_dict` /
    /// `model` / `module` (how training scripts often save). Non-tensor entries (an epoch count) are skipped.
    private static func stateDict(_ root: PickleValue, url: URL) throws -> [(String, TorchTensorReference)] {
        guard case .dict(let dict) = root else { throw WeightError.badPickle(url, reason: "the checkpoint is not a dict of tensors") }
        for wrapper in ["state_dict", "model", "module"] {
            if let nested = dict.items.first(where: { $0.key.string == wrapper })?.value, case .dict = nested {
                return try stateDict(nested, url: url)
            }
        }
        var result: [(String, TorchTensorReference)] = []
        for (key, value) in dict.items {
            guard let name = key.string else { throw WeightError.badPickle(url, reason: "a state dict key is not a string") }
            if case .tensor(let reference) = value { result.append((name, reference)) }
        }
        return result
    }
}
