import Foundation

/// Where one engine-named tensor comes from in another checkpoint: its name there, optionally a
/// block of rows (a packed q/k/v projection), and the shape the engine wants (dropping the trailing
/// 1s of a 1×1 convolution that the engine holds as a linear layer).
public struct MappedTensor: Equatable, Sendable {
    public let source: String
    public let rows: Range<Int>?
    public let shape: [Int]

    public init(source: String, rows: Range<Int>? = nil, shape: [Int]) {
        self.source = source
        self.rows = rows
        self.shape = shape
    }
}

/// A checkpoint seen through a key mapping: the engine's names outside, the file's names inside.
/// Tensors are read (and sliced or reshaped) only when taken.
public final class RenamedTensors: TensorSource, @unchecked Sendable {
    public let base: any TensorSource
    public let mapping: [String: MappedTensor]
    public let names: [String]

    public init(base: any TensorSource, mapping: [String: MappedTensor]) {
        self.base = base
        self.mapping = mapping
        self.names = mapping.keys.sorted()
    }

    public var url: URL { base.url }
    public var fileSize: Int { base.fileSize }

    public func info(_ name: String) -> TensorInfo? {
        guard let mapped = mapping[name], let original = base.info(mapped.source) else { return nil }
        var range = original.byteRange
        if let rows = mapped.rows, let first = original.shape.first, first > 0 {
            let rowBytes = original.byteCount / first
            range = (range.lowerBound + rows.lowerBound * rowBytes)..<(range.lowerBound + rows.upperBound * rowBytes)
        }
        return TensorInfo(name: name, dtype: original.dtype, shape: mapped.shape, byteRange: range)
    }

    /// The named tensor as a layer parameter, sliced and reshaped without widening anything now, so a
    /// base that keeps half-precision weights in its mapping keeps them there through the renaming.
    public func parameter(_ name: String) throws -> Parameter {
        guard let mapped = mapping[name] else { throw WeightError.missingTensor(url, tensor: name) }
        let original = try base.parameter(mapped.source)
        guard let rows = mapped.rows else { return original.reshaped(mapped.shape) }
        return original.rows(rows, as: mapped.shape)
    }

    public func tensor(_ name: String) throws -> Tensor {
        guard let mapped = mapping[name] else { throw WeightError.missingTensor(url, tensor: name) }
        let original = try base.tensor(mapped.source)
        guard let rows = mapped.rows else { return original.reshaped(mapped.shape) }
        let rowLength = original.count / max(original.shape[0], 1)
        let slice = Tensor(uninitialized: mapped.shape)
        slice.pointer.update(from: original.pointer + rows.lowerBound * rowLength, count: rows.count * rowLength)
        return slice
    }
}
