import XCTest
@testable import Engine

final class TensorLayoutTests: XCTestCase {
    func testPermuteMovesElements() {
        let x = Tensor(shape: [2, 3, 4], values: (0..<24).map(Float.init))
        let y = x.permuted([2, 0, 1])
        XCTAssertEqual(y.shape, [4, 2, 3])
        for a in 0..<2 { for b in 0..<3 { for c in 0..<4 {
            XCTAssertEqual(y.pointer[(c * 2 + a) * 3 + b], x.pointer[(a * 3 + b) * 4 + c])
        } } }
    }

    func testConcatChannelsPutsSkipAfterCurrent() {
        let a = Tensor(shape: [2, 1, 2], values: [1, 2, 3, 4]), b = Tensor(shape: [2, 2, 2], values: [5, 6, 7, 8, 9, 10, 11, 12])
        XCTAssertEqual(Tensor.concatChannels([a, b]).scalars, [1, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12])
    }

    func testNearestUpsampleDoublesAndResizes() {
        let x = Tensor(shape: [1, 1, 2, 2], values: [1, 2, 3, 4])
        XCTAssertEqual(x.upsampleNearest(height: 4, width: 4).scalars, [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        XCTAssertEqual(x.upsampleNearest(height: 3, width: 2).scalars, [1, 2, 1, 2, 3, 4])
    }
}
