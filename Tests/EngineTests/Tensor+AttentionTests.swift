import XCTest
@testable import Engine

final class TensorAttentionTests: XCTestCase {
    private func naive(_ q: Tensor, _ k: Tensor, _ v: Tensor, heads: Int, causal: Bool) -> [Float] {
        let (b, lq, w) = (q.shape[0], q.shape[1], q.shape[2]), lk = k.shape[1], d = w / heads
        var out = [Float](repeating: 0, count: q.count)
        for bi in 0..<b { for h in 0..<heads { for i in 0..<lq {
            var s = [Double](repeating: -.infinity, count: lk)
            for j in 0..<lk where !causal || j <= i {
                var dot = 0.0
                for e in 0..<d { dot += Double(q.pointer[(bi * lq + i) * w + h * d + e] * k.pointer[(bi * lk + j) * w + h * d + e]) }
                s[j] = dot / Double(d).squareRoot()
            }
            let m = s.max()!
            let e = s.map { $0 == -.infinity ? 0 : Foundation.exp($0 - m) }
            let total = e.reduce(0, +)
            for x in 0..<d {
                var acc = 0.0
                for j in 0..<lk { acc += e[j] / total * Double(v.pointer[(bi * lk + j) * w + h * d + x]) }
                out[(bi * lq + i) * w + h * d + x] = Float(acc)
            }
        } } }
        return out
    }

    func testShortAndTiledPathsMatchDefinition() {
        var r = TestTensors(seed: 3)
        // (batch, queries, keys, heads, headDim): short sequences, cross-attention, long tiled self-attention,
        // and several (batch, head) pairs per core with single-threaded GEMMs running side by side.
        for (b, lq, lk, heads, d) in [(3, 7, 7, 2, 4), (2, 9, 5, 3, 8), (1, 300, 70, 2, 8), (1, 520, 520, 1, 4),
                                      (3, 270, 300, 5, 8)] {
            let q = r.tensor([b, lq, heads * d]), k = r.tensor([b, lk, heads * d]), v = r.tensor([b, lk, heads * d])
            let y = AttentionKernel.scaledDotProduct(query: q, key: k, value: v, heads: heads)
            let expected = naive(q, k, v, heads: heads, causal: false)
            for i in 0..<expected.count { XCTAssertEqual(y.pointer[i], expected[i], accuracy: 1e-5) }
        }
    }

    func testCausalMaskOnBothPaths() {
        var r = TestTensors(seed: 4)
        for (l, heads, d) in [(12, 2, 4), (260, 1, 4)] {
            let q = r.tensor([1, l, heads * d]), k = r.tensor([1, l, heads * d]), v = r.tensor([1, l, heads * d])
            let y = AttentionKernel.scaledDotProduct(query: q, key: k, value: v, heads: heads, causal: true)
            let expected = naive(q, k, v, heads: heads, causal: true)
            for i in 0..<expected.count { XCTAssertEqual(y.pointer[i], expected[i], accuracy: 1e-5) }
            // The first query sees only the first key, so it returns that key's value exactly.
            for x in 0..<(heads * d) { XCTAssertEqual(y.pointer[x], v.pointer[x], accuracy: 1e-6) }
        }
    }

    /// q, k and v as column blocks of packed tensors, and keys shared by several query items, on the short
    /// and the tiled path: the same as contiguous operands with every key item repeated.
    func testPackedColumnsAndSharedKeyItemsMatchContiguousOperands() {
        var r = TestTensors(seed: 5)
        // (query items, key items, queries, keys, heads, headDim)
        for (b, bk, lq, lk, heads, d) in [(4, 2, 6, 6, 2, 4), (3, 1, 300, 77, 2, 8), (2, 2, 520, 520, 1, 4)] {
            let width = heads * d
            let query = r.tensor([b, lq, 2 * width]), keyValue = r.tensor([bk, lk, 3 * width])
            let packed = AttentionKernel.scaledDotProduct(query: query, queryColumns: width..<(2 * width),
                                                          keyValue: keyValue, keyColumns: (2 * width)..<(3 * width),
                                                          valueColumns: 0..<width, heads: heads)
            func block(_ x: Tensor, _ columns: Range<Int>, items: Int) -> Tensor {
                let (n, rows, total) = (x.shape[0], x.shape[1], x.shape[2])
                let out = Tensor(uninitialized: [items, rows, columns.count])
                for item in 0..<items { for row in 0..<rows { for (c, column) in columns.enumerated() {
                    out.pointer[(item * rows + row) * columns.count + c] = x.pointer[((item * n / items) * rows + row) * total + column]
                } } }
                return out
            }
            let q = block(query, width..<(2 * width), items: b)
            let k = block(keyValue, (2 * width)..<(3 * width), items: b), v = block(keyValue, 0..<width, items: b)
            let expected = naive(q, k, v, heads: heads, causal: false)
            XCTAssertEqual(packed.shape, [b, lq, width])
            for i in 0..<expected.count { XCTAssertEqual(packed.pointer[i], expected[i], accuracy: 1e-5) }
        }
    }

    /// The eight-lane helpers against plain loops, with ragged tails and the maximum in the tail or a lane.
    func testLaneHelpersMatchPlainLoops() {
        var r = TestTensors(seed: 9)
        for count in [1, 7, 8, 13, 64, 77] {
            let a = r.tensor([count]), b = r.tensor([count])
            var expectedDot: Float = 0
            for i in 0..<count { expectedDot += a.pointer[i] * b.pointer[i] }
            XCTAssertEqual(AttentionKernel.dot(a.pointer, b.pointer, count: count), expectedDot, accuracy: 1e-5, "dot \(count)")
            a.pointer[count - 1] = 5
            XCTAssertEqual(AttentionKernel.maximum(a.pointer, count: count), 5, "maximum \(count), last")
            a.pointer[count / 2] = 6
            XCTAssertEqual(AttentionKernel.maximum(a.pointer, count: count), 6, "maximum \(count), middle")
        }
    }
}
