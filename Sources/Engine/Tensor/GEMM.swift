import CBLAS
import CEngineCPU

/// Row-major single-precision matrix products through OpenBLAS: C = alpha·op(A)·op(B) + beta·C.
enum GEMM {
    /// OpenBLAS's idle workers sleep after 2^18 cycles (≈ 0.1 ms) of spinning rather than 2^28 (≈ 0.1 s):
    /// long enough to stay awake across a convolution's back-to-back GEMMs, short enough to leave the
    /// cores to the engine's own parallel loops in between (see Sources/CEngineCPU/OpenBLASThreads.c).
    /// Set once, before the first product; OPENBLAS_THREAD_TIMEOUT in the environment wins.
    static let threadTimeoutExponent: Int = Int(engine_openblas_set_thread_timeout(18))

    /// Runs `body` with each OpenBLAS call on the calling thread alone, for callers that spread many
    /// small independent products over the cores themselves (attention's per-head GEMMs): no fork and
    /// join per product. Not reentrant, and no other thread may start a product meanwhile.
    static func singleThreaded<R>(_ body: () throws -> R) rethrows -> R {
        _ = threadTimeoutExponent
        let threads = openblas_get_num_threads()
        guard threads > 1 else { return try body() }
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(threads) }
        return try body()
    }

    /// `count` independent products C_i = A_i·B_i of row-major matrices stored one after another
    /// (A_i [m, k], B_i [k, n], C_i [m, n]): the positions of a Winograd transform.
    static func multiplyEach(_ count: Int, m: Int, n: Int, k: Int, a: UnsafePointer<Float>,
                             b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            multiply(m: m, n: n, k: k, a: a + i * m * k, lda: k, b: b + i * k * n, ldb: n, c: c + i * m * n, ldc: n)
        }
    }

    static func multiply(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for row in 0..<m {
                let r = c + row * ldc
                for col in 0..<n { r[col] = beta == 0 ? 0 : r[col] * beta }
            }
            return
        }
        _ = threadTimeoutExponent
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
