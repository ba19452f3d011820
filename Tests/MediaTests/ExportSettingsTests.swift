import XCTest
@testable import Media
import Engine

final class ExportSettingsTests: XCTestCase {
    private func problem(_ settings: ExportSettings) -> (option: String, problem: String)? {
        do {
            try settings.validate()
            return nil
        } catch MediaError.invalidOption(let option, let problem) {
            return (option, problem)
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testDefaultsAreValidAndPerFormat() throws {
        for format in VideoFormat.allCases { XCTAssertNil(problem(ExportSettings(format: format))) }
        XCTAssertEqual(ExportSettings(format: .mp4).effectiveCRF, 18)
        XCTAssertEqual(ExportSettings(format: .webm).effectiveCRF, 31)
        XCTAssertNil(ExportSettings(format: .gif).effectiveCRF)
        XCTAssertEqual(ExportSettings(format: .mp4).fps, 8)
        XCTAssertEqual(ExportSettings(format: .mp4, interpolateFPS: 24).outputFPS, 24)
    }

    func testOutOfRangeValuesNameTheOption() {
        XCTAssertEqual(problem(ExportSettings(format: .mp4, fps: 0))?.option, "fps")
        XCTAssertEqual(problem(ExportSettings(format: .mp4, scale: -1))?.option, "scale")
        XCTAssertEqual(problem(ExportSettings(format: .mp4, scale: .nan))?.option, "scale")
        XCTAssertEqual(problem(ExportSettings(format: .mp4, fps: 8, interpolateFPS: 6))?.option, "interpolate")
        XCTAssertEqual(problem(ExportSettings(format: .mp4, crf: 52))?.problem, "for .mp4 must be 0…51, got 52")
        XCTAssertNil(problem(ExportSettings(format: .webm, crf: 63)))
        XCTAssertEqual(problem(ExportSettings(format: .webm, crf: 64))?.option, "crf")
        XCTAssertEqual(problem(ExportSettings(format: .gif, crf: 10))?.option, "crf")
    }
}
