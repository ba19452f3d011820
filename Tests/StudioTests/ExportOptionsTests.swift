import ArgumentParser
import Engine
import Media
import XCTest
@testable import Studio

final class ExportOptionsTests: XCTestCase {
    private func target(_ arguments: [String], frames: Int? = nil) throws -> OutputTarget {
        try ExportOptions.parse(arguments).target(frames: frames)
    }

    func testChoosesTheTargetByThePath() throws {
        XCTAssertEqual(try target(["-o", "/tmp/a.webm", "--fps", "12"]), .video(URL(fileURLWithPath: "/tmp/a.webm"), .webm))
        XCTAssertEqual(try target(["--output", "/tmp/a.npy"]), .npy(URL(fileURLWithPath: "/tmp/a.npy")))
        XCTAssertEqual(try ExportOptions.parse(["-o", "x.mp4", "--scale", "2", "--crf", "20"]).videoOptions.settings(for: .mp4),
                       ExportSettings(format: .mp4, fps: 8, scale: 2, crf: 20))
    }

    func testRefusesWhatCannotBeWrittenWithTheFlagNamed() {
        XCTAssertThrowsError(try target(["-o", "clip.avi"])) { XCTAssertTrue("\($0)".contains("clip.avi"), "\($0)") }
        XCTAssertThrowsError(try target(["-o", "clip.npy", "--fps", "12"])) { XCTAssertTrue("\($0)".contains("--fps"), "\($0)") }
        XCTAssertThrowsError(try target(["-o", "clip.gif", "--crf", "20"])) { XCTAssertTrue("\($0)".contains("--crf"), "\($0)") }
        XCTAssertThrowsError(try target(["-o", "clip.mp4", "--interpolate", "24"], frames: 1)) {
            XCTAssertTrue("\($0)".contains("at least 2 frames"), "\($0)")
        }
        XCTAssertNoThrow(try target(["-o", "clip.mp4", "--interpolate", "24"], frames: 2))
    }
}
