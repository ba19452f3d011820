import Foundation
import XCTest
@testable import Engine

final class WeightFileLocatorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("locator")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func touch(_ names: String...) throws {
        for name in names { try Data([0]).write(to: folder.appendingPathComponent(name)) }
    }

    private func locate(preferFP16: Bool = false) throws -> WeightFileLocator.Choice {
        try WeightFileLocator.locate(in: folder, preferFP16: preferFP16)
    }

    func testFullPrecisionByDefaultFP16WhenPreferred() throws {
        try touch("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors", "diffusion_pytorch_model.fp16.bin")
        XCTAssertEqual(try locate(), .single(folder.appendingPathComponent("diffusion_pytorch_model.safetensors")))
        XCTAssertEqual(try locate(preferFP16: true), .single(folder.appendingPathComponent("diffusion_pytorch_model.fp16.safetensors")))
    }

    func testFP16OnlyFolderLoadsEitherWay() throws {
        try touch("model.fp16.safetensors", "pytorch_model.bin")
        XCTAssertEqual(try locate(), .single(folder.appendingPathComponent("model.fp16.safetensors")))
        XCTAssertEqual(try locate(preferFP16: true), .single(folder.appendingPathComponent("model.fp16.safetensors")))
    }

    func testFullPrecisionFallbackWhenFP16Missing() throws {
        try touch("model.safetensors")
        XCTAssertEqual(try locate(preferFP16: true), .single(folder.appendingPathComponent("model.safetensors")))
    }

    func testShardIndexForms() throws {
        try touch("diffusion_pytorch_model.safetensors.index.json", "diffusion_pytorch_model.safetensors.index.fp16.json")
        XCTAssertEqual(try locate(), .sharded(index: folder.appendingPathComponent("diffusion_pytorch_model.safetensors.index.json")))
        XCTAssertEqual(try locate(preferFP16: true), .sharded(index: folder.appendingPathComponent("diffusion_pytorch_model.safetensors.index.fp16.json")))
    }

    func testSingleFileBeatsIndexOfTheSamePrecision() throws {
        try touch("model.safetensors.index.json", "model.safetensors")
        XCTAssertEqual(try locate(), .single(folder.appendingPathComponent("model.safetensors")))
    }

    func testRequestedPrecisionBeatsFileCount() throws {
        try touch("model.fp16.safetensors", "model.safetensors.index.json")
        XCTAssertEqual(try locate(), .sharded(index: folder.appendingPathComponent("model.safetensors.index.json")))
        XCTAssertEqual(try locate(preferFP16: true), .single(folder.appendingPathComponent("model.fp16.safetensors")))
    }

    func testPyTorchCheckpointsComeAfterEverySafetensorsName() throws {
        try touch("diffusion_pytorch_model.bin", "diffusion_pytorch_model.fp16.bin", "config.json")
        XCTAssertEqual(try locate(), .single(folder.appendingPathComponent("diffusion_pytorch_model.bin")))
        XCTAssertEqual(try locate(preferFP16: true), .single(folder.appendingPathComponent("diffusion_pytorch_model.fp16.bin")))
        try touch("model.fp16.safetensors")
        XCTAssertEqual(try locate(), .single(folder.appendingPathComponent("model.fp16.safetensors")))
    }

    func testShardedPyTorchCheckpointsUseTheirIndex() throws {
        try touch("pytorch_model.bin.index.json")
        XCTAssertEqual(try locate(), .sharded(index: folder.appendingPathComponent("pytorch_model.bin.index.json")))
    }

    func testPyTorchFilesUnderOtherNamesAreNamedInTheError() throws {
        try touch("weights.ckpt", "config.json")
        XCTAssertThrowsError(try locate()) { error in
            guard case .unsupportedFormat(folder, let reason)? = error as? WeightError else { return XCTFail("got \(error)") }
            XCTAssertTrue(reason.contains("weights.ckpt"), reason)
            XCTAssertTrue(reason.contains("pytorch_model.bin"), reason)
        }
    }

    func testNoWeightsAtAll() throws {
        try touch("scheduler_config.json")
        assertThrowsWeightError(try locate(), .noWeights(folder, lookedFor: WeightFileLocator.candidates(preferFP16: false)),
                                mentions: [folder.lastPathComponent, "diffusion_pytorch_model.safetensors", "model.safetensors"])
    }

    func testMissingFolder() {
        let missing = folder.appendingPathComponent("unet")
        assertThrowsWeightError(try WeightFileLocator.locate(in: missing, preferFP16: false), .fileMissing(missing), mentions: ["unet"])
    }
}
