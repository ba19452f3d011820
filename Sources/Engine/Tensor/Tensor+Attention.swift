import Foundation

/// Multi-head scaled-dot-product attention over [B, L, heads·headDim] tensors, computed in tiles of
/// query rows so that the score matrix never exceeds one tile per head.
public enum AttentionKernel {
    /// Query rows per tile for long sequences: 1024 tokens × 77 or 1024 keys stays a few MB.
    static let tileRows = 256

    /// softmax(q·kᵀ·scale [+ causal mask])·v per head. q is [B, Lq, H·D]; k and v are [B, Lk, H·D].
    public static func scaledDotProduct(query: Tensor, key: Tensor, value: Tensor,
                                        heads: Int, scale: Float? = nil, causal: Bool = false) -> Tensor {
        let profile = OpProfile.start("attention \(query.shape[1] * key.shape[1] <= 4096 ? "short" : "long")")
        defer { profile.stop() }
        precondition(query.rank == 3 && key.rank == 3 && value.rank == 3, "attention expects rank-3 tensors")
        let (batch, queries, width) = (query.shape[0], query.shape[1], query.shape[2])
        let keys = key.shape[1]
        precondition(key.shape == [batch, keys, width] && value.shape == key.shape,
                     "attention: q \(query.shape), k \(key.shape), v \(value.shape)")
        precondition(width % heads == 0, "attention: width \(width) not divisible by \(heads) heads")
        let headDim = width / heads
        let factor = scale ?? 1 / Float(headDim).squareRoot()
        let result = Tensor(uninitialized: query.shape)
        if queries * keys <= 4096 {
            smallSequences(query, key, value, result, batch: batch, queries: queries, keys: keys,
                           heads: heads, headDim: headDim, scale: factor, causal: causal)
        } else {
            tiled(query, key, value, result, batch: batch, queries: queries, keys: keys,
                  heads: heads, headDim: headDim, scale: factor, causal: causal)
        }
        return result
    }

    /// Many short sequences (temporal attention: 16 frames; the text encoder: 77 tokens): a direct
    /// kernel spread over (batch, head) pairs beats thousands of tiny BLAS calls.
    private static func smallSequences(_ q: Tensor, _ k: Tensor, _ v: Tensor, _ out: Tensor,
                                       batch: Int, queries: Int, keys: Int, heads: Int, headDim: Int,
                                       scale: Float, causal: Bool) {
        let width = heads * headDim
        let qp = q.pointer, kp = k.pointer, vp = v.pointer, op = out.pointer
        Parallel.forEach(batch * heads, cost: queries * keys * headDim * 2) { job in
            let b = job / heads, h = job % heads
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: keys)
            defer { scores.deallocate() }
            for i in 0..<queries {
                let qi = qp + (b * queries + i) * width + h * headDim
                let visible = causal ? min(keys, i + 1) : keys
                var highest = -Float.infinity
                for j in 0..<visible {
                    let kj = kp + (b * keys + j) * width + h * headDim
                    scores[j] = dot(qi, kj, count: headDim) * scale
                    highest = max(highest, scores[j])
                }
                for j in 0..<visible { scores[j] = FastMath.exp(scores[j] - highest) }
                let total = Tensor.blockSum(scores, count: visible, deviationsFrom: nil)
                let oi = op + (b * queries + i) * width + h * headDim
                oi.initialize(repeating: 0, count: headDim)
                let inverse = Float(1 / total)
                for j in 0..<visible {
                    let weight = scores[j] * inverse
                    let vj = vp + (b * keys + j) * width + h * headDim
                    for d in 0..<headDim { oi[d] += weight * vj[d] }
                }
            }
        }
    }

    /// Long sequences (spatial attention: 1024 tokens): each core takes whole (batch, head) pairs and runs
    /// their tiles of query rows with single-threaded GEMMs (headDim is 40–160, so each product is small;
    /// OpenBLAS's fork and join per product cost more than it shared).
    private static func tiled(_ q: Tensor, _ k: Tensor, _ v: Tensor, _ out: Tensor,
                              batch: Int, queries: Int, keys: Int, heads: Int, headDim: Int,
                              scale: Float, causal: Bool) {
        let width = heads * headDim
        let tile = min(tileRows, queries)
        GEMM.singleThreaded {
            Parallel.forEach(batch * heads, cost: queries * keys * headDim * 4) { job in
                let b = job / heads, h = job % heads
                let scores = Tensor(uninitialized: [tile, keys])
                var start = 0
                while start < queries {
                    let rows = min(tile, queries - start)
                    let qBase = q.pointer + (b * queries + start) * width + h * headDim
                    let kBase = k.pointer + b * keys * width + h * headDim
                    let vBase = v.pointer + b * keys * width + h * headDim
                    GEMM.multiply(transposeB: true, m: rows, n: keys, k: headDim, alpha: scale,
                                  a: qBase, lda: width, b: kBase, ldb: width,
                                  c: scores.pointer, ldc: keys)
                    for r in 0..<rows {
                        softmaxRow(scores.pointer + r * keys, width: keys,
                                   visible: causal ? min(keys, start + r + 1) : keys)
                    }
                    GEMM.multiply(m: rows, n: headDim, k: keys,
                                  a: scores.pointer, lda: keys, b: vBase, ldb: width,
                                  c: out.pointer + (b * queries + start) * width + h * headDim, ldc: width)
                    start += rows
                }
            }
        }
    }

    /// Softmax of each row in place; with a causal offset, row r sees only columns ≤ offset + r.
    static func softmaxRows(_ data: UnsafeMutablePointer<Float>, rows: Int, width: Int, causalOffset: Int?) {
        Parallel.forEach(rows, cost: width * 8) { r in
            softmaxRow(data + r * width, width: width, visible: causalOffset.map { min(width, $0 + r + 1) } ?? width)
        }
    }

    /// Softmax of the first `visible` of `width` floats in place; the rest become 0.
    @inline(__always)
    static func softmaxRow(_ row: UnsafeMutablePointer<Float>, width: Int, visible: Int) {
        // Maximum and sum in eight lanes and the exponentials in a loop of their own: a scalar
        // float reduction inside the loop would keep it from vectorising.
        let highest = maximum(row, count: visible)
        for j in 0..<visible { row[j] = FastMath.exp(row[j] - highest) }
        let inverse = Float(1 / Tensor.blockSum(row, count: visible, deviationsFrom: nil))
        for j in 0..<visible { row[j] *= inverse }
        for j in visible..<width { row[j] = 0 }
    }

    /// The largest of `count` floats (at least one).
    static func maximum(_ values: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(values)
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var i = 0
        while i + 8 <= count {
            lanes = pointwiseMax(lanes, raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            i += 8
        }
        var highest = lanes.max()
        while i < count {
            highest = max(highest, values[i])
            i += 1
        }
        return highest
    }

    /// Σ a[d]·b[d] over `count` floats, in eight lanes.
    @inline(__always)
    static func dot(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            lanes += rawA.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var total = lanes.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }
}

extension Tensor {
    /// Softmax over the last axis.
    public func softmax() -> Tensor {
        let result = copy()
        let width = shape[rank - 1]
        AttentionKernel.softmaxRows(result.pointer, rows: count / width, width: width, causalOffset: nil)
        return result
    }
}
