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

    func testTiledPermutesOfTheTemporalAndSpatialLayoutsMatchTheDefinition() {
        // Sizes that are not multiples of the 16 × 16 tiles, so that partial tiles on both axes are crossed.
        let shape = [2, 19, 3, 35]
        let x = Tensor(shape: shape, values: (0..<(2 * 19 * 3 * 35)).map(Float.init))
        for axes in [[0, 3, 2, 1], [0, 2, 3, 1], [3, 1, 0, 2], [1, 3, 0, 2]] {
            let y = x.permuted(axes)
            XCTAssertEqual(y.shape, axes.map { shape[$0] })
            var index = [0, 0, 0, 0]
            for flat in 0..<y.count {
                var rest = flat
                for d in stride(from: 3, through: 0, by: -1) {
                    index[axes[d]] = rest % y.shape[d]
                    rest /= y.shape[d]
                }
                let source = ((index[0] * 19 + index[1]) * 3 + index[2]) * 35 + index[3]
                if y.pointer[flat] != x.pointer[source] {
                    XCTFail("\(axes): element \(flat) is \(y.pointer[flat]), expected \(x.pointer[source])")
                    break
                }
            }
        }
        let tokens = Tensor(shape: [3, 40, 17], values: (0..<(3 * 40 * 17)).map(Float.init)).permuted([0, 2, 1])
        XCTAssertEqual(tokens.permuted([0, 2, 1]).scalars, (0..<(3 * 40 * 17)).map(Float.init))
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
