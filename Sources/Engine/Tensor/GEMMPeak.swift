import Foundation

/// How fast this machine's OpenBLAS multiplies large square float32 matrices: the yardstick for the engine's
/// achieved GFLOP/s in `make bench` (never used by the model or the tests).
public enum GEMMPeak {
    /// The best of `repeats` timed products C = A·B of `size` × `size` matrices, in GFLOP/s (2·n³ FLOPs each),
    /// after one untimed product that warms the caches and OpenBLAS's threads.
    public static func gigaflops(size: Int, repeats: Int = 3) -> Double {
        let count = size * size
        let a = (0..<count).map { Float(($0 * 7) % 13) / 13 - 0.5 }
        let b = (0..<count).map { Float(($0 * 5) % 11) / 11 - 0.5 }
        var c = [Float](repeating: 0, count: count)
        var best = Double.infinity
        for attempt in 0...repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            c.withUnsafeMutableBufferPointer { out in
                GEMM.multiply(m: size, n: size, k: size, a: a, lda: size, b: b, ldb: size, c: out.baseAddress!, ldc: size)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if attempt > 0 { best = min(best, seconds) }
        }
        return 2 * Double(size) * Double(size) * Double(size) / best / 1e9
    }
}
