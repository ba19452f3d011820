import XCTest
@testable import Engine

final class TensorTests: XCTestCase {
    func testReshapeSharesStorage() {
        let t = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let r = t.reshaped([3, -1])
        XCTAssertEqual(r.shape, [3, 2])
        r.pointer[0] = 9
        XCTAssertEqual(t.scalars[0], 9)
    }
}
