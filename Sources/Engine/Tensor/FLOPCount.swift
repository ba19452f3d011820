import Foundation

/// Floating-point operations of the direct computation — two per multiply-add of every convolution, linear
/// layer and attention product — counted from the operands' shapes as the operations run. The count is what
/// the textbook algorithm would do, whatever the engine does instead (Winograd, skipped zero taps), so that
/// `make bench` can divide one fixed amount of work by the time it took. Norms, softmax, activations and
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

    /// A convolution of `images` images producing `outputs` channels over `outputPositions` positions each,
    /// every position a dot product of `taps` inputs (input channels × kernel size).
    static func recordConvolution(images: Int, outputs: Int, outputPositions: Int, taps: Int) {
        Tally.current?.add(\.convolution, 2 * images * outputs * outputPositions * taps)
    }

    /// An [m, k] · [k, n] product, `batch` times.
    static func recordMatrixProduct(batch: Int = 1, m: Int, n: Int, k: Int) {
        Tally.current?.add(\.linear, 2 * batch * m * n * k)
    }

    /// Attention over `sequences` sequences: queries × keys scores of `width` (heads × head size) each,
    /// then as many weighted sums of values.
    static func recordAttention(sequences: Int, queries: Int, keys: Int, width: Int) {
        Tally.current?.add(\.attention, 4 * sequences * queries * keys * width)
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
