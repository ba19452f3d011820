import Foundation
import XCTest
@testable import Engine

final class KnownModelsTests: XCTestCase {
    func testShapesAreFoundByCachePathOrFolderName() {
        let cached = URL(fileURLWithPath: "/h/hub/models--cerspense--zeroscope_v2_576w/snapshots/abc")
        XCTAssertEqual(KnownModels.shape(forFolder: cached), .init(width: 576, height: 320, frames: 24))
        XCTAssertEqual(KnownModels.shape(forFolder: URL(fileURLWithPath: "/models/zeroscope_v2_XL")),
                       .init(width: 1024, height: 576, frames: 24))
        XCTAssertEqual(KnownModels.shape(forFolder: URL(fileURLWithPath: "/m/text-to-video-ms-1.7b"))?.frames, 16)
        XCTAssertNil(KnownModels.shape(forFolder: URL(fileURLWithPath: "/models/demo")))
        XCTAssertNil(KnownModels.shape(forFolder: URL(fileURLWithPath: "/h/hub/models--someone--else/snapshots/abc")))
    }

    /// The tiny Zeroscope stand-in (random weights, fp16 files only) in a cache folder under the real
    /// name: its index takes Zeroscope's 576 × 320 × 24, and the engine loads and runs it.
    func testAZeroscopeCheckpointGetsItsShapeAndGenerates() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zeroscope-\(UUID().uuidString)")
        let snapshot = root.appendingPathComponent("models--cerspense--zeroscope_v2_576w/snapshots/5a3b")
        try FileManager.default.createDirectory(at: snapshot.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(at: snapshot, withDestinationURL: Fixtures.checkpoint("zeroscope-tiny"))

        let pipeline = try TextToVideoPipeline(folder: snapshot)
        XCTAssertEqual(pipeline.folder.index.defaultWidth, 576)
        XCTAssertEqual(pipeline.folder.index.defaultHeight, 320)
        XCTAssertEqual(pipeline.folder.index.defaultFrames, 24)
        XCTAssertTrue(pipeline.folder.isRandomWeights)
        XCTAssertEqual(try pipeline.folder.weights("unet").dtypeSummary, "F16")

        let clip = try pipeline.generate(GenerationSettings(prompt: "a boat", seed: 3, steps: 2, guidance: 7, frames: 3, width: 24, height: 16))
        XCTAssertEqual(clip.frames.shape, [3, 16, 24, 3])
        XCTAssertTrue(clip.frames.scalars.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
        XCTAssertGreaterThan(Set(clip.frames.scalars).count, 100, "random weights still give varied pixels")
    }
}
