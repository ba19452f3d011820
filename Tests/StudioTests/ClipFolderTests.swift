import Engine
import Media
import XCTest
@testable import Studio

final class ClipFolderTests: XCTestCase {
    func testSavesFramesSettingsAndVideoUnderAFinalName() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("clips-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let frames = Tensor(shape: [2, 16, 16, 3], values: (0..<(2 * 16 * 16 * 3)).map { Float($0 % 7) / 6 })
        let clip = GeneratedClip(frames: frames, settings: GenerationSettings(prompt: "a cat", seed: 9, steps: 2, frames: 2),
                                 seconds: 1.5)
        let folder = try ClipFolder(root: root).save(clip, jobID: 3, model: "demo")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names, ["clip.json", "clip.mp4", "frame_0000.png", "frame_0001.png", "frames.npy", "settings.json", "thumbnail.png"])
        XCTAssertTrue(folder.lastPathComponent.hasSuffix("-seed9-3"))
        let settings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("settings.json"))) as? [String: Any])
        XCTAssertEqual(settings["model_name"] as? String, "demo")
        XCTAssertEqual(settings["seconds"] as? Double, 1.5)
        // settings.json is the sidecar format plus the time taken: `studio generate --from` and `studio info` read it.
        let metadata = try ClipMetadata.decode(json: Data(contentsOf: folder.appendingPathComponent("settings.json")), source: "test")
        XCTAssertEqual(metadata.settings.prompt, "a cat")
        XCTAssertEqual([metadata.settings.width, metadata.settings.height], [16, 16])
        // Nothing staged is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }, [])
    }

    func testThumbnailIsTheFrameBoxAveragedToAtMost96Pixels() {
        let rgb = (0..<(200 * 100)).flatMap { i -> [UInt8] in [UInt8(i % 200 < 100 ? 0 : 200), 50, 100] }
        let thumbnail = ClipFolder.thumbnail(rgb: rgb, width: 200, height: 100)
        XCTAssertEqual([thumbnail.width, thumbnail.height], [66, 33])
        XCTAssertEqual(Array(thumbnail.rgb.prefix(3)), [0, 50, 100])
        XCTAssertEqual(Array(thumbnail.rgb.suffix(3)), [200, 50, 100])
        XCTAssertEqual(ClipFolder.thumbnail(rgb: [1, 2, 3], width: 1, height: 1).rgb, [1, 2, 3])
    }
}
