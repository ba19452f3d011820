import XCTest
@testable import Engine

final class TensorNormalizationTests: XCTestCase {
    func testGroupNormNormalisesEachGroupAndAppliesAffine() {
        var r = TestTensors(seed: 5)
        let x = r.tensor([2, 6, 3, 4], scale: 3)
        let gamma = r.tensor([6]), beta = r.tensor([6])
        let y = x.groupNorm(groups: 3, weight: gamma, bias: beta, eps: 1e-5)
        let ySilu = x.groupNorm(groups: 3, weight: gamma, bias: beta, eps: 1e-5, silu: true)
        for n in 0..<2 { for g in 0..<3 {
            let base = (n * 6 + g * 2) * 12
            let values = (0..<24).map { Double(x.pointer[base + $0]) }
            let mean = values.reduce(0, +) / 24
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 24
            for i in 0..<24 {
                let c = g * 2 + i / 12
                let expected = Float((values[i] - mean) / (variance + 1e-5).squareRoot()) * gamma.pointer[c] + beta.pointer[c]
                XCTAssertEqual(y.pointer[base + i], expected, accuracy: 1e-5)
                XCTAssertEqual(ySilu.pointer[base + i], expected / (1 + Foundation.exp(-expected)), accuracy: 1e-5)
            }
        } }
    }

    func testLayerNormRowsHaveZeroMeanUnitVarianceBeforeAffine() {
        var r = TestTensors(seed: 6)
        let x = r.tensor([5, 16], scale: 4)
        let ones = Tensor(shape: [16], values: .init(repeating: 1, count: 16))
        let y = x.layerNorm(weight: ones, bias: Tensor(zeros: [16]), eps: 1e-5)
        for row in 0..<5 {
            let values = (0..<16).map { y.pointer[row * 16 + $0] }
            XCTAssertEqual(values.reduce(0, +) / 16, 0, accuracy: 1e-5)
            XCTAssertEqual(values.map { $0 * $0 }.reduce(0, +) / 16, 1, accuracy: 1e-3)
        }
    }

    /// The statistics' sums against double loops, across a 4096-element block edge and a ragged tail,
    /// on values far from zero (where a plain float sum would lose digits).
    func testBlockSumMatchesDoubleSums() {
        var r = TestTensors(seed: 7)
        let x = r.tensor([10_003])
        for i in 0..<x.count { x.pointer[i] += 100 }
        let values = x.scalars.map(Double.init)
        let sum = values.reduce(0, +)
        XCTAssertEqual(Tensor.blockSum(x.pointer, count: x.count, deviationsFrom: nil), sum, accuracy: 1e-6 * sum)
        let mean = sum / Double(x.count)
        let squares = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        XCTAssertEqual(Tensor.blockSum(x.pointer, count: x.count, deviationsFrom: Float(mean)), squares,
                       accuracy: 1e-4 * squares)
    }
}
