import Foundation

/// Floating-point operations of the direct computation — two per multiply-add of every convolution, linear
/// layer and attention product — counted from the operands' shapes where the model calls the operations
/// (Tensor+Operations), before a backend runs them. The count is what the textbook algorithm would do,
/// whatever a backend does instead (Winograd, skipped zero taps, a GPU), so that `make bench` can divide
/// one fixed amount of work by the time it took. Norms, softmax, activations and
/// element-wise work are left out, as torch.utils.flop_counter.FlopCounterMode leaves them out, so the two
/// counts can be compared.
public struct FLOPCount: Sendable, Equatable, CustomStringConvertible {
    /// 2-D and temporal (3,1,1) convolutions, zero-padded taps included as a direct convolution has them.
    public var convolution = 0
    /// Linear layers and matrix products.
    public var linear = 0
    /// q·kᵀ and weights·v of attention, every score included (a causal mask saves nothing in the direct form).
    public var attention = 0

    public init(convolution: Int = 0, linear: Int = 0, attention: Int = 0) {
        self.convolution = convolution
        self.linear = linear
        self.attention = attention
    }

    public var total: Int { convolution + linear + attention }

    public var description: String {
        let giga = { (value: Int) in String(format: "%.1f", Double(value) / 1e9) }
        return "\(giga(total)) GFLOP (convolution \(giga(convolution)), linear \(giga(linear)), attention \(giga(attention)))"
    }

    /// Runs `body` and returns what it computed with the operations it performed on this task or thread.
    /// Counting is off outside `measure`; a nested measure also adds to the enclosing one.
    public static func measure<Result>(_ body: () throws -> Result) rethrows -> (result: Result, flops: FLOPCount) {
        let tally = Tally(enclosing: Tally.current)
        let result = try Tally.$current.withValue(tally) { try body() }
        return (result, tally.count)
    }

    /// Runs `body`, which computes once what the direct computation computes `copies` times (the part of a
    /// guided UNet step before the text is read, the same for every text), and counts its operations
    /// `copies` times.
    static func shared<Result>(copies: Int, _ body: () throws -> Result) rethrows -> Result {
        guard copies > 1, let tally = Tally.current else { return try body() }
        let (result, once) = try measure(body)
        tally.add(\.convolution, once.convolution * (copies - 1))
        tally.add(\.linear, once.linear * (copies - 1))
        tally.add(\.attention, once.attention * (copies - 1))
        return result
    }

    /// conv2d of an [N, C, H, W] input with an [O, C, kh, kw] kernel: every output position a dot product
    /// of C·kh·kw inputs.
    static func recordConvolution(input: [Int], weight: [Int], stride: Int, padding: Padding2D) {
        guard let tally = Tally.current else { return }
        let outHeight = (input[2] + padding.top + padding.bottom - weight[2]) / stride + 1
        let outWidth = (input[3] + padding.left + padding.right - weight[3]) / stride + 1
        tally.add(\.convolution, 2 * input[0] * weight[0] * outHeight * outWidth * weight[1] * weight[2] * weight[3])
    }

    /// The (3,1,1) Conv3d of a [B, C, F, S] video with an [O, C, 3, 1, 1] kernel, all three taps at every frame.
    static func recordTemporalConvolution(input: [Int], kernel: [Int]) {
        Tally.current?.add(\.convolution, 2 * input[0] * kernel[0] * input[2] * input[3] * input[1] * kernel[2])
    }

    /// A linear layer: [..., in] · [out, in]ᵀ.
    static func recordLinear(input: [Int], weight: [Int]) {
        Tally.current?.add(\.linear, 2 * input.reduce(1, *) * weight[0])
    }

    /// Attention of queries [B, Lq, W] over keys [B, Lk, W] (W = heads × head size): the scores, then as many
    /// weighted sums of values.
    static func recordAttention(query: [Int], key: [Int]) {
        Tally.current?.add(\.attention, 4 * query[0] * query[1] * key[1] * query[2])
    }
}

/// The running count of one `FLOPCount.measure`, found through a task-local so that a generation running
/// elsewhere (the studio's engine worker, a parallel test) does not add to it.
private final class Tally: @unchecked Sendable {
    @TaskLocal static var current: Tally?

    private let lock = NSLock()
    private var counted = FLOPCount()
    private let enclosing: Tally?

    init(enclosing: Tally?) { self.enclosing = enclosing }

    var count: FLOPCount {
        lock.lock()
        defer { lock.unlock() }
        return counted
    }

    func add(_ kind: WritableKeyPath<FLOPCount, Int>, _ flops: Int) {
        lock.lock()
        counted[keyPath: kind] += flops
        lock.unlock()
        enclosing?.add(kind, flops)
    }
}
