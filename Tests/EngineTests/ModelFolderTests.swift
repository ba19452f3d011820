import Foundation
import XCTest
@testable import Engine

final class ModelFolderTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = try SafeTensorsFixture.makeTemporaryFolder("model")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private struct SchedulerBits: Decodable {
        let beta_schedule: String
        let num_train_timesteps: Int
    }

    /// A small diffusers-layout folder: a random-weights marker, fp32 + fp16 VAE, fp16-only UNet,
    /// a tokenizer folder without weights and a scheduler config.
    private func makeModel() throws -> URL {
        let manager = FileManager.default
        for component in ["unet", "vae", "tokenizer", "scheduler", "text_encoder"] {
            try manager.createDirectory(at: root.appendingPathComponent(component), withIntermediateDirectories: true)
        }
        try Data(#"""
        {"_class_name": "TextToVideoSDPipeline", "_diffusers_version": "0.15.0.dev0",
         "scheduler": ["diffusers","DDIMScheduler"], "text_encoder": ["transformers","CLIPTextModel"],
         "tokenizer": ["transformers","CLIPTokenizer"], "unet": ["diffusers","UNet3DConditionModel"],
         "vae": ["diffusers","AutoencoderKL"],
         "_studio": {"weights": "random", "note": "tiny"}}
        """#.utf8).write(to: root.appendingPathComponent("model_index.json"))
        try Data(#"{"beta_schedule": "scaled_linear", "num_train_timesteps": 1000}"#.utf8)
            .write(to: root.appendingPathComponent("scheduler/scheduler_config.json"))
        try SafeTensorsFixture.write([.f32("post_quant_conv.bias", [2], [1, 2])],
                                     to: root.appendingPathComponent("vae/diffusion_pytorch_model.safetensors"))
        try SafeTensorsFixture.write([.f16("post_quant_conv.bias", [2], bits: [0x3C00, 0x3C00])],
                                     to: root.appendingPathComponent("vae/diffusion_pytorch_model.fp16.safetensors"))
        try SafeTensorsFixture.write([.f16("conv_in.bias", [1], bits: [0x4000])],
                                     to: root.appendingPathComponent("unet/diffusion_pytorch_model.fp16.safetensors"))
        try Data([0x80, 0x02]).write(to: root.appendingPathComponent("text_encoder/pytorch_model.bin"))
        return root
    }

    func testReadsIndexAndComponents() throws {
        let model = try ModelFolder(url: makeModel())
        XCTAssertEqual(model.pipelineClass, "TextToVideoSDPipeline")
        XCTAssertTrue(model.isRandomWeights)
        XCTAssertEqual(model.note, "tiny")
        XCTAssertEqual(model.componentURL("unet").standardizedFileURL.path, root.appendingPathComponent("unet").path)
        XCTAssertEqual(model.configURL(component: "scheduler").lastPathComponent, "scheduler_config.json")
        XCTAssertEqual(model.configURL(component: "vae").lastPathComponent, "config.json")
    }

    func testSchedulerConfigComesFromSchedulerConfigJSON() throws {
        let model = try ModelFolder(url: makeModel())
        let config = try model.config(SchedulerBits.self, component: "scheduler")
        XCTAssertEqual(config.beta_schedule, "scaled_linear")
        XCTAssertEqual(config.num_train_timesteps, 1000)
    }

    func testMissingComponentConfig() throws {
        let model = try ModelFolder(url: makeModel())
        let expected = model.configURL(component: "unet")
        assertThrowsWeightError(try model.config(SchedulerBits.self, component: "unet"), .fileMissing(expected),
                                mentions: ["unet/config.json"])
    }

    func testWeightsPrecisionChoice() throws {
        let model = try ModelFolder(url: makeModel())
        XCTAssertEqual(try model.weights("vae").take("post_quant_conv.bias", shape: [2]).scalars, [1, 2])
        XCTAssertEqual(try model.weights("vae", preferFP16: true).take("post_quant_conv.bias", shape: [2]).scalars, [1, 1])
        XCTAssertEqual(try model.weights("unet").dtypeSummary, "F16")
    }

    func testPickleOnlyComponent() throws {
        let model = try ModelFolder(url: makeModel())
        XCTAssertThrowsError(try model.weights("text_encoder")) { error in
            // A pre-zip PyTorch pickle: read only through torch's zip format, so it is named and refused.
            guard case .unsupportedFormat(let url, let reason)? = error as? WeightError else { return XCTFail("got \(error)") }
            XCTAssertEqual(url.lastPathComponent, "pytorch_model.bin")
            XCTAssertTrue(reason.contains("legacy"), reason)
        }
    }

    func testSummary() throws {
        let model = try ModelFolder(url: makeModel())
        let lines = model.summary.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("TextToVideoSDPipeline (diffusers layout, diffusers 0.15.0.dev0)"), lines[0])
        XCTAssertEqual(lines.dropFirst().first?.trimmingCharacters(in: .whitespaces).hasPrefix("text_encoder"), true)
        XCTAssertTrue(lines.contains { $0.contains("unet") && $0.contains("UNet3DConditionModel: F16") && $0.contains("diffusion_pytorch_model.fp16.safetensors") }, model.summary)
        XCTAssertTrue(lines.contains { $0.contains("vae") && $0.contains("AutoencoderKL: F32") }, model.summary)
        XCTAssertTrue(lines.contains { $0.contains("text_encoder") && $0.contains("legacy") }, model.summary)
        XCTAssertTrue(lines.contains { $0.split(separator: " ") == ["scheduler", "DDIMScheduler"] }, model.summary)
        XCTAssertTrue(lines.contains { $0.hasPrefix("weights: random") && $0.contains("tiny") }, model.summary)
        XCTAssertEqual(lines.last, "on disk: \(ByteCountText.format(model.sizeOnDisk()))")
        let halfLines = model.summary(preferFP16: true).split(separator: "\n")
        XCTAssertTrue(halfLines.contains { $0.contains("AutoencoderKL: F16") && $0.contains("diffusion_pytorch_model.fp16.safetensors") }, model.summary(preferFP16: true))
    }

    func testSizeOnDiskCountsEveryFile() throws {
        let model = try ModelFolder(url: makeModel())
        var expected = 0
        let walker = FileManager.default.enumerator(atPath: root.path)!
        for case let path as String in walker {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            if attributes[.type] as? FileAttributeType == .typeRegular { expected += (attributes[.size] as! NSNumber).intValue }
        }
        XCTAssertGreaterThan(expected, 0)
        XCTAssertEqual(model.sizeOnDisk(), expected)
    }

    func testMissingModelIndex() throws {
        let expected = root.appendingPathComponent("model_index.json")
        assertThrowsWeightError(try ModelFolder(url: root), .fileMissing(expected), mentions: ["model_index.json"])
    }

    func testMissingFolder() {
        let absent = root.appendingPathComponent("not-a-model")
        assertThrowsWeightError(try ModelFolder(url: absent), .fileMissing(absent), mentions: ["not-a-model"])
    }

    func testFileInsteadOfFolder() throws {
        let file = root.appendingPathComponent("model.safetensors")
        try Data([1]).write(to: file)
        XCTAssertThrowsError(try ModelFolder(url: file)) { error in
            guard case .unreadable(file, _)? = error as? WeightError else { return XCTFail("got \(error)") }
        }
    }
}
