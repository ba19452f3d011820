import XCTest
@testable import Studio

final class SweepDialogTests: XCTestCase {
    func testConsecutiveSeedsCountUpFromTheStart() {
        var dialog = SweepDialog(startSeed: 41)
        XCTAssertEqual(dialog.seeds(), [41, 42, 43, 44], "four runs by default")
        dialog.adjust(by: -1)
        XCTAssertEqual(dialog.seeds(), [41, 42, 43])
    }

    func testConsecutiveSeedsStopAtTheTopOfTheRange() {
        var dialog = SweepDialog(startSeed: GenerationForm.seedRange.upperBound - 1)
        dialog.count = 2
        XCTAssertEqual(dialog.seeds(), [GenerationForm.seedRange.upperBound - 1, GenerationForm.seedRange.upperBound])
    }

    func testRandomSeedsComeFromTheGenerator() {
        var dialog = SweepDialog(startSeed: 5)
        dialog.nextRow()
        dialog.adjust(by: 1)
        XCTAssertTrue(dialog.random)
        var next: UInt64 = 100
        XCTAssertEqual(dialog.seeds { next += 1; return next }, [101, 102, 103, 104])
    }

    func testTypedDigitsReplaceThenAppendAndClamp() {
        var dialog = SweepDialog(startSeed: 0)
        dialog.type(digit: 1)
        XCTAssertEqual(dialog.count, 1, "the first digit replaces the default")
        dialog.type(digit: 2)
        XCTAssertEqual(dialog.count, 12)
        dialog.type(digit: 9)
        XCTAssertEqual(dialog.count, SweepDialog.countRange.upperBound)
        dialog.deleteDigit()
        XCTAssertEqual(dialog.count, 6)
        dialog.type(digit: 0)
        dialog.deleteDigit()
        dialog.deleteDigit()
        XCTAssertEqual(dialog.count, 1, "never below one run")
    }
}
