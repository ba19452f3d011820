import Foundation

/// Multi-head scaled-dot-product attention over [B, L, heads·headDim] tensors, computed in tiles of
/// query rows so that the score matrix never exceeds one tile per head.
public enum AttentionKernel {
    /// Query rows per tile for long sequences: 1024 tokens × 77 or 1024 keys stays a few MB.
    static let tileRows = 256

    /// One operand's rows for one head's columns: row `index` of item `item` starts at
    /// base + (item·rows + index)·stride, so q, k and v can be column blocks of one packed projection.
    struct Rows {
        let base: UnsafeMutablePointer<Float>
        let stride: Int
        let rows: Int

        @inline(__always)
        func row(_ item: Int, _ index: Int) -> UnsafeMutablePointer<Float> { base + (item &* rows &+ index) &* stride }
    }

    /// softmax(q·kᵀ·scale [+ causal mask])·v per head. q is [B, Lq, H·D]; k and v are [Bk, Lk, H·D], where
    /// Bk divides B and key item b serves query items b·B/Bk ..< (b+1)·B/Bk (text states shared by every frame).
    public static func scaledDotProduct(query: Tensor, key: Tensor, value: Tensor,
                                        heads: Int, scale: Float? = nil, causal: Bool = false) -> Tensor {
        precondition(query.rank == 3 && key.rank == 3 && value.rank == 3, "attention expects rank-3 tensors")
        let width = query.shape[2]
        precondition(key.shape[2] == width && value.shape == key.shape,
                     "attention: q \(query.shape), k \(key.shape), v \(value.shape)")
        return run(query: query, queryColumns: 0..<width, key: key, keyColumns: 0..<width,
                   value: value, valueColumns: 0..<width, heads: heads, scale: scale, causal: causal)
    }

    /// The same over column blocks of packed projections: q is columns `queryColumns` of `query`
    /// [B, Lq, ·]; k and v are columns `keyColumns` and `valueColumns` of `keyValue` [Bk, Lk, ·] (Bk divides B,
    /// as above). A fused q/k/v projection passes its output as both tensors; nothing is copied out of it.
    public static func scaledDotProduct(query: Tensor, queryColumns: Range<Int>, keyValue: Tensor,
                                        keyColumns: Range<Int>, valueColumns: Range<Int>,
                                        heads: Int, scale: Float? = nil, causal: Bool = false) -> Tensor {
        run(query: query, queryColumns: queryColumns, key: keyValue, keyColumns: keyColumns,
            value: keyValue, valueColumns: valueColumns, heads: heads, scale: scale, causal: causal)
    }

    private static func run(query: Tensor, queryColumns: Range<Int>, key: Tensor, keyColumns: Range<Int>,
                            value: Tensor, valueColumns: Range<Int>,
                            heads: Int, scale: Float?, causal: Bool) -> Tensor {
        precondition(query.rank == 3 && key.rank == 3 && value.rank == 3, "attention expects rank-3 tensors")
        let (batch, queries, keyBatch, keys) = (query.shape[0], query.shape[1], key.shape[0], key.shape[1])
        let width = queryColumns.count
        precondition(keyColumns.count == width && valueColumns.count == width && width % heads == 0
                     && queryColumns.upperBound <= query.shape[2] && keyColumns.upperBound <= key.shape[2]
                     && valueColumns.upperBound <= value.shape[2] && value.shape[0] == keyBatch && value.shape[1] == keys
                     && keyBatch > 0 && batch % keyBatch == 0,
                     "attention: q \(query.shape)[\(queryColumns)], k \(key.shape)[\(keyColumns)], "
                     + "v \(value.shape)[\(valueColumns)], \(heads) heads")
        let profile = OpProfile.start("attention \(queries * keys <= 4096 ? "short" : "long")")
        defer { profile.stop() }
        let headDim = width / heads
        let factor = scale ?? 1 / Float(headDim).squareRoot()
        let result = Tensor(uninitialized: [batch, queries, width])
        let operands = (q: Rows(base: query.pointer + queryColumns.lowerBound, stride: query.shape[2], rows: queries),
                        k: Rows(base: key.pointer + keyColumns.lowerBound, stride: key.shape[2], rows: keys),
                        v: Rows(base: value.pointer + valueColumns.lowerBound, stride: value.shape[2], rows: keys),
                        out: Rows(base: result.pointer, stride: width, rows: queries))
        let shape = Shape(batch: batch, itemsPerKeyItem: batch / keyBatch, queries: queries, keys: keys,
                          heads: heads, headDim: headDim, scale: factor, causal: causal)
        if queries * keys <= 4096 {
            smallSequences(operands.q, operands.k, operands.v, operands.out, shape)
        } else {
            tiled(operands.q, operands.k, operands.v, operands.out, shape)
        }
        return result
    }

    /// Sizes of one attention call.
    private struct Shape {
        let batch, itemsPerKeyItem, queries, keys, heads, headDim: Int
        let scale: Float
        let causal: Bool
    }

    /// Many short sequences (temporal attention: 16 frames; the text encoder: 77 tokens): a direct
    /// kernel spread over (batch, head) pairs beats thousands of tiny BLAS calls.
    private static func smallSequences(_ q: Rows, _ k: Rows, _ v: Rows, _ out: Rows, _ shape: Shape) {
        let (queries, keys, heads, headDim) = (shape.queries, shape.keys, shape.heads, shape.headDim)
        Parallel.forEach(shape.batch * heads, cost: queries * keys * headDim * 2) { job in
            let b = job / heads, h = job % heads
            let keyItem = b / shape.itemsPerKeyItem, column = h * headDim
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: keys)
            defer { scores.deallocate() }
            for i in 0..<queries {
                let qi = q.row(b, i) + column
                let visible = shape.causal ? min(keys, i + 1) : keys
                var highest = -Float.infinity
                for j in 0..<visible {
                    scores[j] = dot(qi, k.row(keyItem, j) + column, count: headDim) * shape.scale
                    highest = max(highest, scores[j])
                }
                for j in 0..<visible { scores[j] = FastMath.exp(scores[j] - highest) }
                let total = Tensor.blockSum(scores, count: visible, deviationsFrom: nil)
                let oi = out.row(b, i) + column
                oi.initialize(repeating: 0, count: headDim)
                let inverse = Float(1 / total)
                for j in 0..<visible {
                    let weight = scores[j] * inverse
                    let vj = v.row(keyItem, j) + column
                    for d in 0..<headDim { oi[d] += weight * vj[d] }
                }
            }
        }
    }

    /// Long sequences (spatial attention: 1024 tokens): each core takes whole (batch, head) pairs and runs
    /// their tiles of query rows with single-threaded GEMMs (headDim is 40–160, so each product is small;
    /// OpenBLAS's fork and join per product cost more than it shared).
    private static func tiled(_ q: Rows, _ k: Rows, _ v: Rows, _ out: Rows, _ shape: Shape) {
        let (queries, keys, heads, headDim) = (shape.queries, shape.keys, shape.heads, shape.headDim)
        let tile = min(tileRows, queries)
        GEMM.singleThreaded {
            Parallel.forEach(shape.batch * heads, cost: queries * keys * headDim * 4) { job in
                let b = job / heads, h = job % heads
                let keyItem = b / shape.itemsPerKeyItem, column = h * headDim
                let scores = Tensor(uninitialized: [tile, keys])
                var start = 0
                while start < queries {
                    let rows = min(tile, queries - start)
                    GEMM.multiply(transposeB: true, m: rows, n: keys, k: headDim, alpha: shape.scale,
                                  a: q.row(b, start) + column, lda: q.stride, b: k.row(keyItem, 0) + column, ldb: k.stride,
                                  c: scores.pointer, ldc: keys)
                    for r in 0..<rows {
                        softmaxRow(scores.pointer + r * keys, width: keys,
                                   visible: shape.causal ? min(keys, start + r + 1) : keys)
                    }
                    GEMM.multiply(m: rows, n: headDim, k: keys,
                                  a: scores.pointer, lda: keys, b: v.row(keyItem, 0) + column, ldb: v.stride,
                                  c: out.row(b, start) + column, ldc: out.stride)
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
