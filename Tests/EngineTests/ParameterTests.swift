import XCTest
@testable import Engine

final class ParameterTests: XCTestCase {
    /// Counts widen calls from the @Sendable closure.
    private final class Calls: @unchecked Sendable {
        var ranges: [Range<Int>] = []
    }

    func testResidentParameterHandsOutItsOwnTensor() {
        let tensor = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let parameter = Parameter(tensor)
        XCTAssertFalse(parameter.isWidenedOnUse)
        XCTAssertEqual(parameter.count, 6)
        parameter.withTensor { XCTAssertEqual($0.pointer, tensor.pointer) }
        let row = Tensor(uninitialized: [3])
        parameter.copyRow(1, to: row.pointer)
        XCTAssertEqual(row.scalars, [4, 5, 6])
    }

    func testWidenedParameterProducesItsValuesAtEveryUse() {
        let calls = Calls()
        let parameter = Parameter(shape: [4, 2]) { range, destination in
            calls.ranges.append(range)
            for (offset, index) in range.enumerated() { destination[offset] = Float(index) * 10 }
        }
        XCTAssertTrue(parameter.isWidenedOnUse)
        let sum = parameter.withTensor { tensor -> Float in
            XCTAssertEqual(tensor.shape, [4, 2])
            return tensor.scalars.reduce(0, +)
        }
        XCTAssertEqual(sum, 280)
        parameter.withTensor { XCTAssertEqual($0.scalars, [0, 10, 20, 30, 40, 50, 60, 70]) }
        let row = Tensor(uninitialized: [2])
        parameter.copyRow(2, to: row.pointer)
        XCTAssertEqual(row.scalars, [40, 50])
        XCTAssertEqual(calls.ranges, [0..<8, 0..<8, 4..<6], "whole tensor per use, one row for copyRow")
    }

    func testFloatsPointIntoResidentValuesAndWidenOnlyTheRangeOtherwise() {
        let tensor = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let scratch = Tensor(uninitialized: [3])
        scratch.pointer.initialize(repeating: -1, count: 3)
        let resident = Parameter(tensor).floats(2..<5, widenedInto: scratch.pointer)
        XCTAssertEqual(resident, UnsafePointer(tensor.pointer + 2))
        XCTAssertEqual(scratch.scalars, [-1, -1, -1], "a resident parameter leaves the scratch alone")

        let calls = Calls()
        let widened = Parameter(shape: [2, 3]) { range, destination in
            calls.ranges.append(range)
            for (offset, index) in range.enumerated() { destination[offset] = Float(index) * 10 }
        }
        let values = widened.floats(2..<5, widenedInto: scratch.pointer)
        XCTAssertEqual(values, UnsafePointer(scratch.pointer))
        XCTAssertEqual(scratch.scalars, [20, 30, 40])
        XCTAssertEqual(calls.ranges, [2..<5])
    }

    func testRowsAndReshapesOfAWidenedParameterWidenOnlyTheirOwnRangeAtUse() {
        let calls = Calls()
        let parameter = Parameter(shape: [3, 2]) { range, destination in
            calls.ranges.append(range)
            for (offset, index) in range.enumerated() { destination[offset] = Float(index) }
        }
        let lastRows = parameter.rows(1..<3, as: [4])
        XCTAssertTrue(lastRows.isWidenedOnUse)
        XCTAssertEqual(calls.ranges, [], "nothing is widened when the view is made")
        lastRows.withTensor { XCTAssertEqual($0.scalars, [2, 3, 4, 5]) }
        XCTAssertEqual(calls.ranges, [2..<6])
        let flat = parameter.reshaped([6])
        XCTAssertTrue(flat.isWidenedOnUse)
        flat.withTensor { XCTAssertEqual($0.shape, [6]) }
        XCTAssertEqual(calls.ranges, [2..<6, 0..<6])
    }

    func testRowsAndReshapesOfAResidentParameterStayResident() {
        let parameter = Parameter(Tensor(shape: [3, 2], values: [1, 2, 3, 4, 5, 6]))
        let middle = parameter.rows(1..<2, as: [1, 2])
        XCTAssertFalse(middle.isWidenedOnUse)
        middle.withTensor { XCTAssertEqual($0.scalars, [3, 4]) }
        parameter.reshaped([2, 3]).withTensor { XCTAssertEqual($0.shape, [2, 3]) }
    }

    /// A resident and a widened part stacked: the whole in order, and a range across both widens only the
    /// widened part's share of it, once per use.
    func testStackedRowsComeFromTheirPartsAtEachUse() {
        let calls = Calls()
        let resident = Parameter(Tensor(shape: [1, 2], values: [1, 2]))
        let widened = Parameter(shape: [2, 2]) { range, destination in
            calls.ranges.append(range)
            for (offset, index) in range.enumerated() { destination[offset] = Float(index) * 10 }
        }
        let stacked = Parameter.stackingRows([resident, widened, resident])
        XCTAssertEqual(stacked.shape, [4, 2])
        XCTAssertTrue(stacked.isWidenedOnUse)
        XCTAssertEqual(calls.ranges, [], "nothing is widened when the stack is made")
        stacked.withTensor { XCTAssertEqual($0.scalars, [1, 2, 0, 10, 20, 30, 1, 2]) }
        XCTAssertEqual(calls.ranges, [0..<4])
        let scratch = Tensor(uninitialized: [4])
        let middle = stacked.floats(1..<5, widenedInto: scratch.pointer)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: middle, count: 4)), [2, 0, 10, 20])
        XCTAssertEqual(calls.ranges, [0..<4, 0..<3])
    }
}
