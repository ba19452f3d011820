/// The operations the model is written against. A backend runs them on one kind of processor: the CPU
/// (`CPUBackend`, OpenBLAS) or an NVIDIA GPU (`CUDABackend`). Tensors remember the backend that holds
/// them, and model code calls the operations through `Tensor` (Tensor+Operations), so no model file
/// knows which backend runs it.
///
/// Operations do not throw: an accelerator that fails mid-step (out of memory, a kernel fault) records
/// the failure and later operations do nothing; `synchronize()` reports it, and the pipeline calls it
/// at every checkpoint.
public protocol Backend: AnyObject, Sendable {
    /// A short name for messages and reports ("cpu", "cuda").
    var name: String { get }

    /// A host tensor's values in this backend's memory (the same tensor on the CPU backend).
    func upload(_ tensor: Tensor) -> Tensor
    /// A tensor of this backend in host memory (the same tensor on the CPU backend).
    func download(_ tensor: Tensor) -> Tensor
    /// Waits for queued work; throws the first failure since the previous call.
    func synchronize() throws

    /// torch conv2d on [N, C, H, W] with weight [O, C, kh, kw] and zero padding.
    func conv2d(_ x: Tensor, weight: Parameter, bias: Tensor?, stride: Int, padding: Padding2D) -> Tensor
    /// The (3,1,1) Conv3d over frames of a [B, C, F, S] video, kernel [O, C, 3, 1, 1].
    func temporalConv(_ x: Tensor, kernel: Parameter, bias: Tensor) -> Tensor
    /// x · weightᵀ + bias over the last axis; weight [out, in].
    func linear(_ x: Tensor, weight: Parameter, bias: Tensor?) -> Tensor
    /// GroupNorm over [N, C, rest...], optionally followed by SiLU.
    func groupNorm(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor, eps: Float, silu: Bool) -> Tensor
    /// LayerNorm over the last axis.
    func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, eps: Float) -> Tensor
    /// Multi-head scaled-dot-product attention; q [B, Lq, H·D], k and v [B, Lk, H·D].
    func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int, scale: Float?, causal: Bool) -> Tensor
    /// The same (default scale, no mask) over column blocks of packed projections: q is columns
    /// `queryColumns` of `query` [B, Lq, ·]; k and v are columns `keyColumns` and `valueColumns` of
    /// `keyValue` [Bk, Lk, ·], where Bk divides B and key item b serves query items b·B/Bk ..< (b+1)·B/Bk.
    /// Returns [B, Lq, width of a block].
    func attention(query: Tensor, queryColumns: Range<Int>, keyValue: Tensor,
                   keyColumns: Range<Int>, valueColumns: Range<Int>, heads: Int) -> Tensor
    func activation(_ x: Tensor, _ function: Activation) -> Tensor
    /// The last axis holds [value | gate]; value ⊙ GELU(gate).
    func geglu(_ x: Tensor) -> Tensor
    func add(_ a: Tensor, _ b: Tensor) -> Tensor
    /// target += other, for a tensor the caller just made.
    func addInPlace(_ target: Tensor, _ other: Tensor)
    /// target [N, C, rest...] += values [N, C], one value per (item, channel) over the rest.
    func addPerChannelInPlace(_ target: Tensor, _ values: Tensor)
    func scaled(_ x: Tensor, by factor: Float) -> Tensor
    /// A contiguous copy with axes reordered: result axis i is input axis `axes[i]`.
    func permuted(_ x: Tensor, _ axes: [Int]) -> Tensor
    /// Concatenation along axis 0 or 1.
    func concat(_ parts: [Tensor], axis: Int) -> Tensor
    /// The elements `range` of axis 0 or 1, as a contiguous tensor.
    func slice(_ x: Tensor, axis: Int, range: Range<Int>) -> Tensor
    /// [B, ...] → [B·times, ...], each item repeated `times` times in a row (torch's repeat_interleave).
    func repeatItems(_ x: Tensor, times: Int) -> Tensor
    /// Nearest-neighbour resize of [N, C, H, W], as torch's interpolate(mode="nearest").
    func upsampleNearest(_ x: Tensor, height: Int, width: Int) -> Tensor
    /// Classifier-free guidance of a [2, ...] prediction whose item 0 is unconditional:
    /// uncond + scale·(cond − uncond), shape [1, ...].
    func guidance(_ prediction: Tensor, scale: Float) -> Tensor
    /// Decoder output in about [−1, 1] to pixel values x/2 + 1/2 clamped to [0, 1].
    func unitPixels(_ x: Tensor) -> Tensor
}

/// Zero padding of a 2-D convolution per side.
public typealias Padding2D = (top: Int, bottom: Int, left: Int, right: Int)

/// Pointwise activations the models use.
public enum Activation: Sendable {
    case silu
    /// Exact (erf) GELU, torch's default.
    case gelu
    /// CLIP's x·σ(1.702·x).
    case quickGELU
}

/// Memory an accelerator backend holds for a tensor.
public protocol DeviceStorage: AnyObject, Sendable {
    var backend: any Backend { get }
    /// Float32 elements it can hold.
    var count: Int { get }
}

/// A backend that failed while running (the GPU ran out of memory, a kernel faulted), in one line.
public struct BackendFailure: Error, Equatable, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { reason }

    public init(reason: String) { self.reason = reason }
}

extension Backend {
    /// Backends without a kernel that reads the blocks in place run packed attention from copies.
    public func attention(query: Tensor, queryColumns: Range<Int>, keyValue: Tensor,
                          keyColumns: Range<Int>, valueColumns: Range<Int>, heads: Int) -> Tensor {
        attentionFromCopies(query: query, queryColumns: queryColumns, keyValue: keyValue,
                            keyColumns: keyColumns, valueColumns: valueColumns, heads: heads)
    }

    /// Packed attention from the backend's other operations: each block copied out of its tensor and the
    /// keys and values repeated for every query item they serve, then `attention(query:key:value:…)`.
    /// Blocks must be whole multiples of their width (as the q/k/v thirds of a fused projection are).
    public func attentionFromCopies(query: Tensor, queryColumns: Range<Int>, keyValue: Tensor,
                                    keyColumns: Range<Int>, valueColumns: Range<Int>, heads: Int) -> Tensor {
        let width = queryColumns.count
        func block(_ x: Tensor, _ columns: Range<Int>) -> Tensor {
            let (items, rows, total) = (x.shape[0], x.shape[1], x.shape[2])
            precondition(columns.count == width && total % width == 0 && columns.lowerBound % width == 0,
                         "attention: columns \(columns) of \(x.shape) are not a block of width \(width)")
            if total == width { return x }
            let index = columns.lowerBound / width
            return slice(x.reshaped([items * rows, total / width, width]), axis: 1, range: index..<(index + 1))
                .reshaped([items, rows, width])
        }
        let (batch, keyBatch) = (query.shape[0], keyValue.shape[0])
        precondition(keyBatch > 0 && batch % keyBatch == 0, "attention: \(keyBatch) key items for \(batch) query items")
        var key = block(keyValue, keyColumns), value = block(keyValue, valueColumns)
        if keyBatch < batch {
            key = repeatItems(key, times: batch / keyBatch)
            value = repeatItems(value, times: batch / keyBatch)
        }
        return attention(query: block(query, queryColumns), key: key, value: value, heads: heads, scale: nil, causal: false)
    }
}
