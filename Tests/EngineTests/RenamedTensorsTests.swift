import Foundation
import XCTest
@testable import Engine

final class RenamedTensorsTests: XCTestCase {
    func testRowsAreSlicedAndShapesChangedOnlyInTheView() throws {
        let base = try TorchCheckpoint(url: Fixtures.root.appendingPathComponent("torch/views.pth"))
        let view = RenamedTensors(base: base, mapping: [
            "second_row": MappedTensor(source: "matrix", rows: 1..<2, shape: [4]),
            "last_rows": MappedTensor(source: "matrix", rows: 1..<3, shape: [2, 4]),
            "flat": MappedTensor(source: "tail", shape: [6]),
            "gone": MappedTensor(source: "absent", shape: [1]),
        ])
        XCTAssertEqual(view.names, ["flat", "gone", "last_rows", "second_row"])
        XCTAssertEqual(try view.tensor("second_row").scalars, [4, 5, 6, 7])
        XCTAssertEqual(try view.tensor("last_rows").scalars, [4, 5, 6, 7, 8, 9, 10, 11])
        XCTAssertEqual(try view.tensor("flat").shape, [6])
        XCTAssertEqual(try view.tensor("flat").scalars, [6, 7, 8, 9, 10, 11])
        let matrix = try XCTUnwrap(base.info("matrix"))
        XCTAssertEqual(view.info("second_row")?.byteRange, (matrix.byteRange.lowerBound + 16)..<(matrix.byteRange.lowerBound + 32))
        XCTAssertEqual(view.info("second_row")?.shape, [4])
        XCTAssertNil(view.info("gone"))
        XCTAssertThrowsError(try view.tensor("nothing")) { error in
            XCTAssertEqual(error as? WeightError, .missingTensor(base.url, tensor: "nothing"))
        }
    }

    func testParametersKeepTheBaseHalfTensorsMappedThroughRowsAndReshapes() throws {
        let base = try TorchCheckpoint(url: Fixtures.root.appendingPathComponent("torch/views.pth"), widenOnUseMinimumCount: 1)
        let view = RenamedTensors(base: base, mapping: [
            "second_half_row": MappedTensor(source: "half", rows: 1..<2, shape: [2]),
            "half_flat": MappedTensor(source: "half", shape: [4]),
            "matrix_rows": MappedTensor(source: "matrix", rows: 0..<2, shape: [8]),
        ])
        let row = try view.parameter("second_half_row")
        XCTAssertTrue(row.isWidenedOnUse)
        XCTAssertEqual(row.withTensor(\.scalars), [2.0, 65504.0])
        let flat = try view.parameter("half_flat")
        XCTAssertTrue(flat.isWidenedOnUse)
        XCTAssertEqual(flat.withTensor(\.shape), [4])
        XCTAssertEqual(try view.parameter("matrix_rows").withTensor(\.scalars), [0, 1, 2, 3, 4, 5, 6, 7])
        XCTAssertThrowsError(try view.parameter("nothing"))
    }
}
