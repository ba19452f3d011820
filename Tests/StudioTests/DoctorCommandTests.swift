import Foundation
import XCTest

final class DoctorCommandTests: XCTestCase {
    /// Inside a tmux pane the doctor reports the pane's size even with stdout redirected.
    func testReportsThePaneSizeInTmux() throws {
        let tmux = try TmuxHarness()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("studio-doctor-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        try tmux.start("'\(tmux.studio)' doctor > '\(output.path)'; sleep 5", columns: 100, rows: 30)
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while Date() < deadline {
            text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if text.contains("Models") && text.contains("→") { break }
            usleep(50_000)
        }
        XCTAssertTrue(text.contains("100×30 cells"), text)
        XCTAssertTrue(text.contains("sixel"), text)
        XCTAssertFalse(text.contains("no terminal attached"), text)
    }

    func testWithoutATerminal() throws {
        let studio = try TmuxHarness.studioBinary()
        let process = Process()
        process.executableURL = studio
        process.arguments = ["doctor"]
        let out = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(text.contains("no terminal attached"), text)
        XCTAssertTrue(text.contains("OpenBLAS"), text)
        XCTAssertTrue(text.contains("libavformat"), text)
        XCTAssertTrue(text.contains("bundled demo"), text)
    }
}
