import Foundation

/// One memory-mapped safetensors file with a fully validated header; tensors come out as float32.
///
/// Opening touches only the header's pages. `tensor(_:)` returns F32 data without copying (the tensor
/// borrows the mapping, which stays alive as long as any such tensor does; it is read-only memory, so
/// never write into it), and converts F16/BF16 into new storage, reading only that tensor's pages.
/// Assumes a little-endian host, as the format's data is little-endian.
public final class SafeTensorsFile: @unchecked Sendable {
    public let url: URL
    /// Tensor names, sorted.
    public let names: [String]
    /// The header's `__metadata__` strings (often `{"format": "pt"}`), empty when absent.
    public let metadata: [String: String]

    private let mapping: MappedFile
    private let tensors: [String: TensorInfo]

    public init(url: URL) throws {
        let mapping = try MappedFile(url: url)
        let header = try SafeTensorsHeader(url: url, bytes: UnsafeRawBufferPointer(start: mapping.base, count: mapping.size))
        self.url = url
        self.mapping = mapping
        self.tensors = header.tensors
        self.metadata = header.metadata
        self.names = header.tensors.keys.sorted()
    }

    /// The file's size on disk in bytes.
    public var fileSize: Int { mapping.size }

    public func info(_ name: String) -> TensorInfo? { tensors[name] }

    /// The named tensor as float32: F32 borrowed from the mapping, F16 and BF16 converted.
    public func tensor(_ name: String) throws -> Tensor {
        guard let info = tensors[name] else { throw WeightError.missingTensor(url, tensor: name) }
        guard info.dtype.isLoadableAsFloat else {
            throw WeightError.notLoadable(url, tensor: name, dtype: info.dtype.rawValue)
        }
        let count = info.elementCount
        if count == 0 { return Tensor(uninitialized: info.shape) }
        let source = mapping.base + info.byteRange.lowerBound

        switch info.dtype {
        case .f32:
            // The mapping starts on a page boundary, so the file offset decides alignment.
            if info.byteRange.lowerBound % MemoryLayout<Float>.alignment == 0 {
                let floats = UnsafeMutablePointer(mutating: source.assumingMemoryBound(to: Float.self))
                return Tensor(shape: info.shape, storage: TensorStorage(borrowing: floats, count: count, owner: mapping))
            }
            let copy = Tensor(uninitialized: info.shape)
            UnsafeMutableRawPointer(copy.pointer).copyMemory(from: source, byteCount: info.byteCount)
            return copy
        case .f16, .bf16:
            let converted = Tensor(uninitialized: info.shape)
            mapping.prefault(info.byteRange)
            PageAdvice.prepareForWriting(converted.pointer, byteCount: count * MemoryLayout<Float>.stride)
            if info.dtype == .f16 {
                HalfPrecision.convertF16(source, to: converted.pointer, count: count)
            } else {
                HalfPrecision.convertBF16(source, to: converted.pointer, count: count)
            }
            mapping.release(info.byteRange)
            return converted
        default:
            preconditionFailure("isLoadableAsFloat admitted \(info.dtype)")
        }
    }

    /// See `Parameter.widenOnUseMinimumCount`.
    public static let widenOnUseMinimumCount = Parameter.widenOnUseMinimumCount

    /// The named tensor as a layer parameter: F32 borrowed from the mapping, large F16 and BF16
    /// tensors left in the mapping and widened into scratch each time they are used (reading only
    /// their pages, which are dropped from this process again afterwards), small ones converted now.
    public func parameter(_ name: String) throws -> Parameter {
        guard let info = tensors[name] else { throw WeightError.missingTensor(url, tensor: name) }
        guard (info.dtype == .f16 || info.dtype == .bf16), info.elementCount >= Self.widenOnUseMinimumCount else {
            return Parameter(try tensor(name))
        }
        return .mappedHalf(mapping, byteOffset: info.byteRange.lowerBound, isF16: info.dtype == .f16, shape: info.shape)
    }

    /// The whole file's mapped bytes; tests use it to check that F32 tensors point into the mapping.
    func mappedRange() -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: mapping.base, count: mapping.size)
    }
}
