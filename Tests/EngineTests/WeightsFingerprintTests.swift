import Foundation
import XCTest
@testable import Engine

final class WeightsFingerprintTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = try SafeTensorsFixture.makeTemporaryFolder("fingerprint")
        try Data(#"{"_class_name": "TextToVideoSDPipeline"}"#.utf8).write(to: root.appendingPathComponent("model_index.json"))
        for (component, stem) in [("text_encoder", "model"), ("unet", "diffusion_pytorch_model"), ("vae", "diffusion_pytorch_model")] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(component), withIntermediateDirectories: true)
            try write(component: component, stem: stem, values: [1, 2, 3, 4])
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(component: String, stem: String, values: [Float]) throws {
        try SafeTensorsFixture.write([.f32("weight", [values.count], values)],
                                     to: root.appendingPathComponent("\(component)/\(stem).safetensors"))
    }

    private func fingerprint() throws -> String { try WeightsFingerprint.compute(folder: ModelFolder(url: root)) }

    func testIsStableAndShort() throws {
        let first = try fingerprint()
        XCTAssertEqual(first, try fingerprint())
        XCTAssertTrue(first.hasPrefix("sha256:"))
        XCTAssertEqual(first.count, "sha256:".count + 16)
    }

    func testSameShapesWithOtherValuesDiffer() throws {
        let before = try fingerprint()
        try write(component: "unet", stem: "diffusion_pytorch_model", values: [1, 2, 3, 5])
        XCTAssertNotEqual(try fingerprint(), before)
    }

    func testSampledBlocksOfALargeFileCount() throws {
        // 4 MiB of data: more than the 16 × 64 KiB sampled, so only the samples and the header are read.
        var values = [Float](repeating: 0.5, count: 1 << 20)
        try write(component: "vae", stem: "diffusion_pytorch_model", values: values)
        let before = try fingerprint()
        values[0] = 0.25
        try write(component: "vae", stem: "diffusion_pytorch_model", values: values)
        XCTAssertNotEqual(try fingerprint(), before, "the first block is always sampled")
    }

    func testPyTorchCheckpointsOfTheModelScopeLayoutAreFingerprintedToo() throws {
        let modelScope = try WeightsFingerprint.compute(folder: ModelFolder(url: Fixtures.checkpoint("tiny-a-modelscope")))
        let diffusers = try WeightsFingerprint.compute(folder: ModelFolder(url: Fixtures.checkpoint("tiny-a")))
        XCTAssertTrue(modelScope.hasPrefix("sha256:"))
        // The same numbers in other files: the fingerprint names files, not mathematics.
        XCTAssertNotEqual(modelScope, diffusers)
    }

    func testMissingWeightsAreAWeightError() throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent("unet/diffusion_pytorch_model.safetensors"))
        XCTAssertThrowsError(try fingerprint()) { XCTAssertTrue($0 is WeightError, "\($0)") }
    }
}
