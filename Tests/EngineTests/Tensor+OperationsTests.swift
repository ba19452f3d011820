import XCTest
@testable import Engine

final class TensorOperationsTests: XCTestCase {
    private func ramp(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map(Float.init))
    }

    func testHostTensorsRunOnTheCPUBackend() {
        let x = ramp([2, 3])
        XCTAssertTrue(x.isOnHost)
        XCTAssertTrue(x.backend === CPUBackend.shared)
        XCTAssertTrue(x.on(CPUBackend.shared).storage === x.storage)
        XCTAssertTrue(x.onHost().storage === x.storage)
    }

    func testItemsAndChannelsSliceTheFirstTwoAxes() {
        let x = ramp([3, 4, 2])
        XCTAssertEqual(x.items(1..<3).shape, [2, 4, 2])
        XCTAssertEqual(x.items(1..<3).scalars, Array(8..<24).map(Float.init))
        let c = x.channels(1..<3)
        XCTAssertEqual(c.shape, [3, 2, 2])
        XCTAssertEqual(c.scalars, [2, 3, 4, 5, 10, 11, 12, 13, 18, 19, 20, 21])
    }

    func testRepeatingItemsRepeatsEachItemInARow() {
        let y = ramp([2, 2]).repeatingItems(3)
        XCTAssertEqual(y.shape, [6, 2])
        XCTAssertEqual(y.scalars, [0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3])
    }

    func testGuidedMixesTheTwoHalves() {
        let prediction = Tensor(shape: [2, 2], values: [1, 2, 3, 6])
        let y = prediction.guided(scale: 2)
        XCTAssertEqual(y.shape, [1, 2])
        XCTAssertEqual(y.scalars, [5, 10])  // u + 2·(c − u)
    }

    func testAddInPlacePerChannelAddsOneValuePerItemAndChannel() {
        let x = Tensor(zeros: [2, 2, 3])
        x.addInPlace(perChannel: Tensor(shape: [2, 2], values: [1, 2, 3, 4]))
        XCTAssertEqual(x.scalars, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    }

    func testQuickGELUIsXTimesSigmoidOf1702X() {
        let y = Tensor(shape: [3], values: [-1, 0, 2]).quickGELU().scalars
        for (x, value) in zip([Float(-1), 0, 2], y) {
            XCTAssertEqual(value, x / (1 + exp(-1.702 * x)), accuracy: 1e-6)
        }
    }

    func testConcatBatchAndChannelsJoinAlongTheirAxes() {
        let a = ramp([1, 2, 2]), b = ramp([1, 1, 2]).scaled(by: -1)
        XCTAssertEqual(Tensor.concatChannels([a, b]).scalars, [0, 1, 2, 3, 0, -1])
        XCTAssertEqual(Tensor.concatBatch([a, a]).shape, [2, 2, 2])
    }
}
