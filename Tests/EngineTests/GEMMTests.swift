import Foundation
import XCTest
@testable import Engine

final class GEMMTests: XCTestCase {
    /// The OpenBLAS thread pool restarts with the shorter spin before the first product, and products
    /// large enough to use its threads stay right afterwards.
    func testThreadTimeoutIsSetAndProductsStayRight() {
        let (m, n, k) = (320, 288, 256)
        let a = (0..<(m * k)).map { Float(($0 * 7) % 13) - 6 }
        let b = (0..<(k * n)).map { Float(($0 * 5) % 11) - 5 }
        var c = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n,
                                  c: c.baseAddress!, ldc: n)
                }
            }
        }
        let expected = ProcessInfo.processInfo.environment["OPENBLAS_THREAD_TIMEOUT"].flatMap(Int.init) ?? 18
        XCTAssertEqual(GEMM.threadTimeoutExponent, expected)
        for (row, column) in [(0, 0), (17, 203), (m - 1, n - 1), (160, 1)] {
            // Small integers: the float sums are exact, whatever the order.
            let want = (0..<k).reduce(Float(0)) { $0 + a[row * k + $1] * b[$1 * n + column] }
            XCTAssertEqual(c[row * n + column], want, "c[\(row), \(column)]")
        }
    }
}
