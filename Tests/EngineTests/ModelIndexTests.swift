import Foundation
import XCTest
@testable import Engine

final class ModelIndexTests: XCTestCase {
    private var folder: URL!
    private var url: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("index")
        url = folder.appendingPathComponent("model_index.json")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The text-to-video-ms-1.7b model_index.json (spec §1.2).
    func testHubModelIndex() throws {
        try Data(#"""
        {"_class_name": "TextToVideoSDPipeline", "_diffusers_version": "0.15.0.dev0",
         "scheduler": ["diffusers","DDIMScheduler"], "text_encoder": ["transformers","CLIPTextModel"],
         "tokenizer": ["transformers","CLIPTokenizer"], "unet": ["diffusers","UNet3DConditionModel"],
         "vae": ["diffusers","AutoencoderKL"]}
        """#.utf8).write(to: url)
        let index = try ModelIndex(url: url)
        XCTAssertEqual(index.pipelineClass, "TextToVideoSDPipeline")
        XCTAssertEqual(index.diffusersVersion, "0.15.0.dev0")
        XCTAssertEqual(Set(index.components.keys), ["scheduler", "text_encoder", "tokenizer", "unet", "vae"])
        XCTAssertEqual(index.components["unet"], .init(library: "diffusers", className: "UNet3DConditionModel"))
        XCTAssertFalse(index.isRandomWeights)
        XCTAssertNil(index.note)
    }

    func testStudioSectionNullComponentsAndSettings() throws {
        try Data(#"""
        {"_class_name": "TextToVideoSDPipeline", "_name_or_path": "x",
         "unet": ["diffusers", "UNet3DConditionModel"], "safety_checker": [null, null],
         "requires_safety_checker": false,
         "_studio": {"weights": "random", "note": "tiny random model for tests"}}
        """#.utf8).write(to: url)
        let index = try ModelIndex(url: url)
        XCTAssertEqual(Array(index.components.keys), ["unet"])
        XCTAssertNil(index.diffusersVersion)
        XCTAssertTrue(index.isRandomWeights)
        XCTAssertEqual(index.note, "tiny random model for tests")
    }

    func testStudioSectionWithoutRandomWeights() throws {
        try Data(#"{"_class_name": "P", "_studio": {"note": "converted by hand"}}"#.utf8).write(to: url)
        let index = try ModelIndex(url: url)
        XCTAssertFalse(index.isRandomWeights)
        XCTAssertEqual(index.note, "converted by hand")
        XCTAssertNil(index.defaultSteps)
        XCTAssertNil(index.defaultGuidance)
    }

    func testStudioSectionSamplingDefaults() throws {
        try Data(#"{"_class_name": "P", "_studio": {"weights": "trained", "num_frames": 8, "steps": 25, "guidance": 7.5}}"#.utf8)
            .write(to: url)
        let index = try ModelIndex(url: url)
        XCTAssertEqual(index.defaultFrames, 8)
        XCTAssertEqual(index.defaultSteps, 25)
        XCTAssertEqual(index.defaultGuidance, 7.5)
    }

    func testMissingClassName() throws {
        try Data(#"{"unet": ["diffusers", "UNet3DConditionModel"]}"#.utf8).write(to: url)
        assertThrowsWeightError(try ModelIndex(url: url), .badConfig(url, reason: "_class_name: missing key"),
                                mentions: ["model_index.json", "_class_name"])
    }

    func testBadStudioSection() throws {
        try Data(#"{"_class_name": "P", "_studio": {"weights": 3}}"#.utf8).write(to: url)
        XCTAssertThrowsError(try ModelIndex(url: url)) { error in
            guard case .badConfig(url, let reason)? = error as? WeightError else { return XCTFail("got \(error)") }
            XCTAssertTrue(reason.hasPrefix("_studio.weights: expected String"), reason)
        }
    }

    func testStudioSizeWinsOverAKnownModelsShape() throws {
        let zeroscope = folder.appendingPathComponent("zeroscope_v2_576w")
        try FileManager.default.createDirectory(at: zeroscope, withIntermediateDirectories: true)
        let file = zeroscope.appendingPathComponent("model_index.json")
        try Data(#"{"_class_name": "TextToVideoSDPipeline"}"#.utf8).write(to: file)
        var index = try ModelIndex(url: file)
        XCTAssertEqual([index.defaultWidth, index.defaultHeight, index.defaultFrames], [576, 320, 24])
        try Data(#"{"_class_name": "TextToVideoSDPipeline", "_studio": {"width": 64, "height": 32, "num_frames": 4}}"#.utf8).write(to: file)
        index = try ModelIndex(url: file)
        XCTAssertEqual([index.defaultWidth, index.defaultHeight, index.defaultFrames], [64, 32, 4])
        try Data(#"{"_class_name": "TextToVideoSDPipeline"}"#.utf8).write(to: url)
        index = try ModelIndex(url: url)
        XCTAssertEqual([index.defaultWidth, index.defaultHeight, index.defaultFrames], [nil, nil, nil])
    }
}
