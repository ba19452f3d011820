import XCTest
@testable import Studio

final class GenerationFormTests: XCTestCase {
    func testDefaultsMatchThePipeline() {
        let form = GenerationForm()
        XCTAssertEqual([form.steps, form.frames, form.width, form.height], [50, 16, 256, 256])
        XCTAssertEqual(form.guidance, 9.0)
        XCTAssertEqual(form.sampler, "ddim")
    }

    func testAdjustClampsToRanges() {
        var form = GenerationForm()
        form.adjust(.seed, by: -5)
        XCTAssertEqual(form.seed, 0)
        form.adjust(.steps, by: 1000)
        XCTAssertEqual(form.steps, 500)
        form.adjust(.guidance, by: -100)
        XCTAssertEqual(form.guidance, 0)
        form.adjust(.width, by: 1)
        XCTAssertEqual(form.width, 320)
        form.adjust(.height, by: -10)
        XCTAssertEqual(form.height, 64)
        form.adjust(.frames, by: -100)
        XCTAssertEqual(form.frames, 1)
        form.adjust(.sampler, by: -1)
        XCTAssertEqual(form.sampler, "dpm++")
    }

    func testValuesAsShown() {
        var form = GenerationForm()
        form.guidance = 7.5
        XCTAssertEqual(form.value(of: .guidance), "7.5")
        XCTAssertEqual(String(format1: -0.5), "-0.5")
        XCTAssertEqual(form.gridFields.map(\.label), ["seed", "steps", "guidance", "frames", "width", "height", "sampler"])
    }

    func testTypedValuesAreClampedSnappedOrRefused() {
        var form = GenerationForm()
        XCTAssertEqual(form.set(.steps, typed: "2"), .accepted)
        XCTAssertEqual(form.steps, 2)
        XCTAssertEqual(form.set(.steps, typed: "9999"), .adjusted)
        XCTAssertEqual(form.steps, GenerationForm.stepsRange.upperBound)
        XCTAssertEqual(form.set(.width, typed: "100"), .adjusted)
        XCTAssertEqual(form.width, 128, "sides snap to the nearest multiple of 64")
        XCTAssertEqual(form.set(.height, typed: "0"), .adjusted)
        XCTAssertEqual(form.height, 64)
        XCTAssertEqual(form.set(.guidance, typed: "7.25"), .adjusted)
        XCTAssertEqual(form.guidance, 7.3, accuracy: 1e-9)
        XCTAssertEqual(form.set(.guidance, typed: "12.5"), .accepted)
        XCTAssertEqual(form.set(.guidance, typed: "1.2.3"), .notANumber)
        XCTAssertEqual(form.guidance, 12.5, "a refused value changes nothing")
        XCTAssertEqual(form.set(.seed, typed: "99999999999"), .adjusted)
        XCTAssertEqual(form.seed, GenerationForm.seedRange.upperBound)
        XCTAssertEqual(form.set(.seed, typed: "42"), .accepted)
        XCTAssertEqual(form.seed, 42)
        XCTAssertFalse(GenerationForm.accepts("1", in: .sampler))
        XCTAssertFalse(GenerationForm.accepts(".", in: .steps))
        XCTAssertTrue(GenerationForm.accepts(".", in: .guidance))
        XCTAssertFalse(GenerationForm.accepts("٣", in: .steps), "only ASCII digits")
    }
}
