@testable import Engine
import Foundation
import Media
import XCTest
@testable import Studio

final class OutputTargetTests: XCTestCase {
    func testVideoExtensionsAreVideoTargets() {
        XCTAssertEqual(OutputTarget(path: "/tmp/a.mp4"), .video(URL(fileURLWithPath: "/tmp/a.mp4"), .mp4))
        XCTAssertEqual(OutputTarget(path: "/tmp/a.webm"), .video(URL(fileURLWithPath: "/tmp/a.webm"), .webm))
        XCTAssertEqual(OutputTarget(path: "/tmp/a.GIF"), .video(URL(fileURLWithPath: "/tmp/a.GIF"), .gif))
        XCTAssertEqual(OutputTarget(path: "/tmp/a.npy"), .npy(URL(fileURLWithPath: "/tmp/a.npy")))
        XCTAssertNil(OutputTarget(path: "/tmp/\(UUID().uuidString).mov"))
    }

    func testWritesAGIFWithSidecarFromAGeneratedClip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("output-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("clip.gif")
        let target = try XCTUnwrap(OutputTarget(path: url.path))
        var options = OutputTarget.VideoOptions(fps: 4, scale: 2)
        options.modelName = "demo"
        try target.checkWritable(video: options)
        let clip = GeneratedClip(frames: Tensor(zeros: [3, 8, 8, 3]), settings: GenerationSettings(prompt: "p", seed: 9), seconds: 0)
        try target.write(clip, video: options)
        let probe = try MediaProbe.open(url)
        XCTAssertEqual([probe.width, probe.height, probe.packets], [16, 16, 3])
        let metadata = try ClipMetadataSource.read(describing: url).metadata
        XCTAssertEqual(metadata.studioVersion, StudioVersion.current)
        XCTAssertEqual(metadata.modelName, "demo")
        XCTAssertEqual(metadata.export, ExportSettings(format: .gif, fps: 4, scale: 2))
    }

    func testMissingFolderFailsBeforeGenerating() throws {
        let target = try XCTUnwrap(OutputTarget(path: "/nonexistent-\(UUID().uuidString)/clip.mp4"))
        XCTAssertThrowsError(try target.checkWritable()) { error in
            XCTAssertTrue(error is CLIError, "\(error)")
        }
    }
}
