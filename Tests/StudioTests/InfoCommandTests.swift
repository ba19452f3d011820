import ArgumentParser
import CFFmpeg
import Engine
import Media
import Foundation
import XCTest
@testable import Studio

final class InfoCommandTests: XCTestCase {
    private func metadata() -> ClipMetadata {
        ClipMetadata(settings: GenerationSettings(prompt: "a lighthouse at dusk", seed: 42, steps: 25, guidance: 9,
                                                  frames: 16, width: 256, height: 256, sampler: "ddim"),
                     modelName: "text-to-video-ms-1.7b", studioVersion: "0.1.0",
                     export: ExportSettings(format: .mp4, fps: 8, scale: 2, interpolateFPS: 24, crf: 18))
    }

    func testParses() throws {
        let command = try InfoCommand.parse(["--json", "clip.mp4"])
        XCTAssertTrue(command.json)
        XCTAssertEqual(command.file, "clip.mp4")
        XCTAssertThrowsError(try InfoCommand.parse([]))
    }

    func testHumanReportListsTheSettingsAndTheSource() {
        let sidecar = URL(fileURLWithPath: "/clips/a.json")
        let report = InfoCommand.humanReport(metadata(), source: .sidecar(sidecar), probe: nil)
        let lines = report.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "prompt:          a lighthouse at dusk")
        XCTAssertTrue(lines.contains("seed:            42"))
        XCTAssertTrue(lines.contains("negative prompt: —"))
        XCTAssertTrue(lines.contains("size:            256×256"))
        XCTAssertTrue(lines.contains("model:           text-to-video-ms-1.7b"))
        XCTAssertTrue(lines.contains("export:          mp4, 8 fps, scale 2.0, interpolated to 24 fps, crf 18"))
        XCTAssertEqual(lines.last, "read from:       /clips/a.json")
    }

    func testReportOnAnExportedMP4ReadsTheContainerTagsWithTheWeightsHash() throws {
        guard avcodec_find_encoder_by_name("libx264") != nil else { throw XCTSkip("no libx264") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("info-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("clip.mp4")
        try OutputTarget.video(url, .mp4).write(TemporaryDataHome.clip(prompt: "a lighthouse", seed: 77),
                                                video: .init(modelName: "demo", modelWeightsHash: "sha256:1234abcd5678ef90"))
        // Without the sidecar the settings come from inside the MP4.
        try FileManager.default.removeItem(at: ClipMetadata.sidecarURL(for: url))
        let found = try ClipMetadataSource.read(describing: url)
        let lines = InfoCommand.humanReport(found.metadata, source: found.source, probe: try MediaProbe.open(url))
            .split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("prompt:          a lighthouse"), "\(lines)")
        XCTAssertTrue(lines.contains("seed:            77"))
        XCTAssertTrue(lines.contains("negative prompt: blur"))
        XCTAssertTrue(lines.contains("weights hash:    sha256:1234abcd5678ef90"))
        XCTAssertTrue(lines.contains("export:          mp4, 8 fps, crf 18"))
        XCTAssertTrue(lines.contains("file:            h264, 32×24, yuv420p, 4 frames, 0.50 s"), "\(lines)")
        XCTAssertEqual(lines.last, "read from:       \(url.path) (container tags)")
    }

    func testFileWithoutSettingsExitsWithAClearError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("info-\(UUID().uuidString).gif")
        try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(rgb: [UInt8](repeating: 100, count: 2 * 4 * 4 * 3), frames: 2, width: 4, height: 4, metadata: nil, to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let command = try InfoCommand.parse([url.path])
        XCTAssertThrowsError(try command.run()) { error in
            XCTAssertTrue((error as? CLIError)?.description.contains("no studio settings") == true, "\(error)")
        }
    }
}
