import Engine
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
        XCTAssertEqual(names, ["clip.json", "clip.mp4", "frame_0000.png", "frame_0001.png", "frames.npy", "settings.json"])
        XCTAssertTrue(folder.lastPathComponent.hasSuffix("-seed9-3"))
        let settings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("settings.json"))) as? [String: Any])
        XCTAssertEqual(settings["prompt"] as? String, "a cat")
        XCTAssertEqual(settings["model"] as? String, "demo")
        // Nothing staged is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }, [])
    }
}
