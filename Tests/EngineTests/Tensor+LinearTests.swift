import XCTest
@testable import Engine

final class TensorLinearTests: XCTestCase {
    func testLinearIsWeightTransposedPlusBias() {
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let w = Tensor(shape: [2, 3], values: [1, 0, -1, 2, 1, 0])
        let b = Tensor(shape: [2], values: [10, 20])
        XCTAssertEqual(x.linear(w, bias: b).scalars, [8, 24, 8, 33])
        XCTAssertEqual(x.linear(w).scalars, [-2, 4, -2, 13])
    }

    func testBatchedMatmul() {
        let a = Tensor(shape: [2, 1, 2], values: [1, 2, 3, 4]), b = Tensor(shape: [2, 2, 1], values: [1, 1, 2, 0])
        XCTAssertEqual(a.matmul(b).scalars, [3, 6])
    }
}
