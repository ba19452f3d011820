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
}
