import Foundation
import XCTest
@testable import Engine

final class FastMathTests: XCTestCase {
    /// Every 1/64 step over [-80, 80] (the softmax and SiLU range): within 3e-7 relative of libm's expf.
    func testExpMatchesLibm() {
        var worst: Float = 0
        for step in -5120...5120 {
            let x = Float(step) / 64
            let expected = Foundation.exp(x)
            worst = max(worst, abs(FastMath.exp(x) - expected) / expected)
        }
        XCTAssertLessThan(worst, 3e-7)
    }

    func testExpClampsInsteadOfOverflowing() {
        XCTAssertTrue(FastMath.exp(1000).isFinite)
        XCTAssertGreaterThan(FastMath.exp(1000), 1e38)
        XCTAssertLessThan(FastMath.exp(-1000), 1e-37)
        XCTAssertGreaterThanOrEqual(FastMath.exp(-1000), 0)
        XCTAssertEqual(FastMath.exp(0), 1)
    }

    /// Abramowitz & Stegun's bound (1.5e-7) plus float rounding, over [-6, 6] in steps of 1/256.
    func testErfMatchesLibm() {
        var worst: Float = 0
        for step in -1536...1536 {
            let x = Float(step) / 256
            worst = max(worst, abs(FastMath.erf(x) - Foundation.erf(x)))
        }
        XCTAssertLessThan(worst, 4e-7)
        XCTAssertEqual(FastMath.erf(-2), -FastMath.erf(2))
    }

    func testSiLUAndGELUMatchTheirDefinitions() {
        for step in -400...400 {
            let x = Float(step) / 20
            let silu = x / (1 + Foundation.exp(-x))
            let gelu = 0.5 * x * (1 + Foundation.erf(x * 0.70710678118654752))
            XCTAssertEqual(FastMath.silu(x), silu, accuracy: 1e-6 * max(1, abs(x)), "silu(\(x))")
            XCTAssertEqual(FastMath.gelu(x), gelu, accuracy: 1e-6 * max(1, abs(x)), "gelu(\(x))")
        }
        // Far negative inputs go to zero rather than NaN.
        XCTAssertEqual(FastMath.silu(-200), 0, accuracy: 1e-30)
        XCTAssertEqual(FastMath.gelu(-200), 0, accuracy: 1e-30)
    }
}
