import Foundation
import XCTest
@testable import Media
import Engine

final class ClipMetadataTests: XCTestCase {
    private func sample() -> ClipMetadata {
        ClipMetadata(settings: GenerationSettings(prompt: "a fox\nin snow \"quoted\"", negativePrompt: "blur", seed: UInt64.max,
                                                  steps: 30, guidance: 7.5, frames: 16, width: 256, height: 192, sampler: "dpm++"),
                     modelName: "text-to-video-ms-1.7b", modelWeightsHash: "sha256:00ff", studioVersion: "0.1.0",
                     export: ExportSettings(format: .webm, fps: 12, scale: 1.5, interpolateFPS: 24, crf: 31))
    }

    func testJSONRoundTrips() throws {
        let metadata = sample()
        XCTAssertEqual(try ClipMetadata.decode(json: metadata.jsonData(), source: "test"), metadata)
        XCTAssertEqual(try ClipMetadata.decode(json: metadata.jsonData(pretty: false), source: "test"), metadata)
    }

    func testFieldNamesAreStableSnakeCaseAndAlwaysPresent() throws {
        var metadata = sample()
        metadata.modelWeightsHash = nil
        metadata.settings.negativePrompt = nil
        metadata.export?.interpolateFPS = nil
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: metadata.jsonData()) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["metadata_version", "settings", "model_name", "model_weights_hash", "studio_version", "export"])
        let settings = try XCTUnwrap(object["settings"] as? [String: Any])
        XCTAssertEqual(Set(settings.keys), ["prompt", "negative_prompt", "seed", "steps", "guidance", "sampler", "frames", "width", "height"])
        XCTAssertTrue(settings["negative_prompt"] is NSNull)
        XCTAssertTrue(object["model_weights_hash"] is NSNull)
        let export = try XCTUnwrap(object["export"] as? [String: Any])
        XCTAssertEqual(Set(export.keys), ["format", "fps", "scale", "interpolate_fps", "crf"])
        XCTAssertEqual((settings["seed"] as? NSNumber)?.uint64Value, UInt64.max)
        XCTAssertEqual(object["metadata_version"] as? Int, 1)
    }

    func testSidecarNameReplacesTheExtension() {
        XCTAssertEqual(ClipMetadata.sidecarURL(for: URL(fileURLWithPath: "/a/b/clip.mp4")).path, "/a/b/clip.json")
        XCTAssertEqual(ClipMetadata.sidecarURL(for: URL(fileURLWithPath: "/a/my.clip.gif")).path, "/a/my.clip.json")
    }

    func testNewerVersionAndBrokenJSONAreTypedErrors() throws {
        var newer = sample()
        newer.metadataVersion = ClipMetadata.currentVersion + 1
        XCTAssertThrowsError(try ClipMetadata.decode(json: newer.jsonData(), source: "x.json")) { error in
            guard case MediaError.badMetadata(let path, let reason)? = error as? MediaError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "x.json")
            XCTAssertTrue(reason.contains("newer"), reason)
        }
        XCTAssertThrowsError(try ClipMetadata.decode(json: Data("{\"settings\": {}}".utf8), source: "y.json")) { error in
            guard case MediaError.badMetadata? = error as? MediaError else { return XCTFail("\(error)") }
        }
    }

    func testClipInitFillsTheRealSize() {
        let clip = GeneratedClip(frames: Tensor(zeros: [3, 8, 24, 3]), settings: GenerationSettings(prompt: "p", seed: 5), seconds: 1)
        let metadata = ClipMetadata(clip: clip, modelName: "m", studioVersion: "1.0.0")
        XCTAssertEqual(metadata.settings.width, 24)
        XCTAssertEqual(metadata.settings.height, 8)
        XCTAssertEqual(metadata.settings.frames, 3)
        XCTAssertEqual(metadata.settings.seed, 5)
    }
}
