import ArgumentParser
import Foundation
import XCTest
@testable import Studio

final class GenerateCommandTests: XCTestCase {
    private func validationMessage(_ arguments: [String]) -> String? {
        do {
            _ = try GenerateCommand.parse(["--prompt", "a cat"] + arguments)
            return nil
        } catch {
            return GenerateCommand.message(for: error)
        }
    }

    func testParsesExportFlags() throws {
        let command = try GenerateCommand.parse(["--prompt", "a cat", "-o", "/tmp/x.webm", "--fps", "12", "--scale", "1.5",
                                                 "--interpolate", "24", "--crf", "40"])
        XCTAssertEqual(command.videoOptions.settings(for: .webm),
                       .init(format: .webm, fps: 12, scale: 1.5, interpolateFPS: 24, crf: 40))
        let defaults = try GenerateCommand.parse(["--prompt", "a cat", "-o", "/tmp/x.mp4"])
        XCTAssertEqual(defaults.fps, 8)
        XCTAssertEqual(defaults.scale, 1)
        XCTAssertNil(defaults.interpolate)
        XCTAssertNil(defaults.crf)
    }

    func testBadExportFlagsNameTheFlag() throws {
        XCTAssertEqual(validationMessage(["-o", "/tmp/x.mp4", "--crf", "70"]), "--crf for .mp4 must be 0…51, got 70")
        XCTAssertTrue(validationMessage(["-o", "/tmp/x.gif", "--crf", "20"])?.hasPrefix("--crf does not apply") == true)
        XCTAssertTrue(validationMessage(["-o", "/tmp/x.mp4", "--fps", "0"])?.hasPrefix("--fps must") == true)
        XCTAssertTrue(validationMessage(["-o", "/tmp/x.mp4", "--interpolate", "8"])?.hasPrefix("--interpolate must") == true)
        XCTAssertTrue(validationMessage(["-o", "/tmp/x.mp4", "--interpolate", "24", "--frames", "1"])?.contains("at least 2 frames") == true)
        XCTAssertEqual(validationMessage(["-o", "/tmp/x.npy", "--scale", "2"]), "--scale applies to .mp4, .webm and .gif output, not /tmp/x.npy")
        XCTAssertTrue(validationMessage(["-o", "/tmp/x.avi"])?.contains(".mp4, .webm, .gif") == true)
        XCTAssertNil(validationMessage(["-o", "/tmp/x.gif", "--fps", "12", "--scale", "2", "--interpolate", "24"]))
    }
}
