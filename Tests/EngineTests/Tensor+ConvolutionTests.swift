import XCTest
@testable import Engine

final class TensorConvolutionTests: XCTestCase {
    /// Direct definition of a 2-D convolution, the reference for the im2col + GEMM path.
    private func naiveConv(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, pad: Int) -> [Float] {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let oh = (h + 2 * pad - kh) / stride + 1, ow = (wd + 2 * pad - kw) / stride + 1
        var out = [Float](repeating: 0, count: n * o * oh * ow)
        for i in 0..<n { for oc in 0..<o { for y in 0..<oh { for xx in 0..<ow {
            var acc = b.scalars[oc]
            for ic in 0..<c { for ky in 0..<kh { for kx in 0..<kw {
                let iy = y * stride + ky - pad, ix = xx * stride + kx - pad
                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                acc += x.pointer[((i * c + ic) * h + iy) * wd + ix] * w.pointer[((oc * c + ic) * kh + ky) * kw + kx]
            } } }
            out[((i * o + oc) * oh + y) * ow + xx] = acc
        } } } }
        return out
    }

    func testConv2dMatchesDefinition() {
        var r = TestTensors(seed: 1)
        for (k, stride, pad) in [(3, 1, 1), (3, 2, 1), (1, 1, 0), (3, 2, 0)] {
            let x = r.tensor([3, 5, 7, 6]), w = r.tensor([4, 5, k, k]), b = r.tensor([4])
            let y = x.conv2d(w, bias: b, stride: stride, padding: pad)
            let expected = naiveConv(x, w, b, stride: stride, pad: pad)
            XCTAssertEqual(y.count, expected.count)
            for i in 0..<expected.count { XCTAssertEqual(y.pointer[i], expected[i], accuracy: 1e-4, "k\(k) s\(stride) p\(pad) at \(i)") }
        }
    }

    func testTemporalConvMatchesDefinition() {
        var r = TestTensors(seed: 2)
        let (b, c, f, s, o) = (2, 3, 4, 5, 6)
        let x = r.tensor([b, c, f, s])
        let taps = (0..<3).map { _ in r.tensor([o, c]) }
        let bias = r.tensor([o])
        let y = x.temporalConv(taps: taps, bias: bias)
        for v in 0..<b { for oc in 0..<o { for fr in 0..<f { for p in 0..<s {
            var acc = bias.scalars[oc]
            for k in 0..<3 {
                let src = fr + k - 1
                guard src >= 0, src < f else { continue }
                for ic in 0..<c { acc += taps[k].pointer[oc * c + ic] * x.pointer[((v * c + ic) * f + src) * s + p] }
            }
            XCTAssertEqual(y.pointer[((v * o + oc) * f + fr) * s + p], acc, accuracy: 1e-5)
        } } } }
    }
}
