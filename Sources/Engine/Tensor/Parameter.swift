import Foundation

/// A model weight that layers read as float32. It is either resident (float32 borrowed from a mapped
/// F32 checkpoint, or a small tensor converted at load), or stored elsewhere in another precision and
/// widened into a recycled scratch tensor each time a layer uses it. The second kind is what lets an
/// F16 checkpoint run without a float32 copy of the whole model (1.4 G parameters would be 5.6 GB):
/// only the layer at work exists in float32, and loading costs no conversion at all.
public struct Parameter: @unchecked Sendable {
    /// Writes the elements `range` (row-major indices) as float32 to the destination, which holds
    /// `range.count` floats.
    public typealias Widen = @Sendable (_ range: Range<Int>, _ destination: UnsafeMutablePointer<Float>) -> Void

    public let shape: [Int]
    private let resident: Tensor?
    private let widen: Widen?
    /// Tells parameters apart, so that an accelerator backend uploads each one once and finds its copy.
    private let token = Identity()
    private final class Identity: Sendable {}

    /// A parameter whose float32 values are already in memory.
    public init(_ tensor: Tensor) {
        shape = tensor.shape
        resident = tensor
        widen = nil
    }

    /// A parameter produced on demand by `widen`, which must stay valid as long as the parameter.
    public init(shape: [Int], widen: @escaping Widen) {
        self.shape = shape
        resident = nil
        self.widen = widen
    }

    public var count: Int { shape.reduce(1, *) }

    /// The same for every copy of this parameter and different from every other live parameter.
    public var identity: ObjectIdentifier { ObjectIdentifier(token) }

    /// An object that lives as long as this parameter's identity must stay unique (keep it with a
    /// cache entry keyed by `identity`).
    public var identityOwner: AnyObject { token }

    /// Whether every use widens the values afresh (false: they stay in memory).
    public var isWidenedOnUse: Bool { resident == nil }

    /// Calls `body` with the values as a float32 tensor, valid only during the call (a widened
    /// parameter's scratch goes back to the buffer pool afterwards; never keep or write into it).
    public func withTensor<R>(_ body: (Tensor) throws -> R) rethrows -> R {
        if let resident { return try body(resident) }
        let scratch = Tensor(uninitialized: shape)
        let profile = OpProfile.start("widen F16")
        widen!(0..<count, scratch.pointer)
        profile.stop()
        return try body(scratch)
    }

    /// Elements `range` (row-major indices) as float32: a pointer into the values where they are resident,
    /// else `scratch` (at least `range.count` floats) with the range widened into it. For consumers that
    /// transform weights block by block as they read them (Winograd's kernel transform, the temporal
    /// convolution's taps), so that no float32 copy of the whole tensor is written and read back.
    /// Ranges of about 64 K elements or more keep the per-call page advice of a widened parameter cheap.
    public func floats(_ range: Range<Int>, widenedInto scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "elements \(range) of \(shape)")
        if let resident { return UnsafePointer(resident.pointer + range.lowerBound) }
        widen!(range, scratch)
        return UnsafePointer(scratch)
    }

    /// The same values seen with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Parameter {
        precondition(newShape.reduce(1, *) == count, "cannot reshape parameter \(shape) to \(newShape)")
        if let resident { return Parameter(resident.reshaped(newShape)) }
        return Parameter(shape: newShape, widen: widen!)
    }

    /// Rows `rows` of the leading axis seen as `newShape`, without widening anything now: one block of
    /// a packed q/k/v projection.
    public func rows(_ rows: Range<Int>, as newShape: [Int]) -> Parameter {
        let width = count / max(shape.first ?? 1, 1)
        precondition(rows.lowerBound >= 0 && rows.upperBound <= (shape.first ?? 0)
                     && newShape.reduce(1, *) == rows.count * width, "rows \(rows) of \(shape) as \(newShape)")
        let offset = rows.lowerBound * width
        if let resident {
            let slice = Tensor(uninitialized: newShape)
            slice.pointer.update(from: resident.pointer + offset, count: slice.count)
            return Parameter(slice)
        }
        let widen = widen!
        return Parameter(shape: newShape) { range, destination in
            widen((range.lowerBound + offset)..<(range.upperBound + offset), destination)
        }
    }

    /// The rows of `parts` (matrices of one width) one after another, as one [Σ rows, width] parameter that
    /// produces its values from the parts at each use: a fused q/k/v projection runs one GEMM with the
    /// three weights stacked, without a stacked copy of them held in memory.
    public static func stackingRows(_ parts: [Parameter]) -> Parameter {
        precondition(!parts.isEmpty && parts.allSatisfy { $0.shape.count == 2 && $0.shape[1] == parts[0].shape[1] },
                     "stacking rows of \(parts.map(\.shape))")
        let starts = parts.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        return Parameter(shape: [parts.reduce(0) { $0 + $1.shape[0] }, parts[0].shape[1]]) { range, destination in
            for (index, part) in parts.enumerated() {
                let lower = max(range.lowerBound, starts[index]), upper = min(range.upperBound, starts[index + 1])
                guard lower < upper else { continue }
                let target = destination + (lower - range.lowerBound)
                let values = part.floats((lower - starts[index])..<(upper - starts[index]), widenedInto: target)
                if values != UnsafePointer(target) { target.update(from: values, count: upper - lower) }
            }
        }
    }

    /// Copies row `index` of the leading axis into `destination` without widening the rest: an
    /// embedding table needs a few rows of its 50 M values.
    public func copyRow(_ index: Int, to destination: UnsafeMutablePointer<Float>) {
        let width = count / shape[0]
        precondition(index >= 0 && index < shape[0], "row \(index) outside \(shape)")
        if let resident {
            destination.update(from: resident.pointer + index * width, count: width)
        } else {
            widen!((index * width)..<((index + 1) * width), destination)
        }
    }
}
