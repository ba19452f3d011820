import Foundation
import XCTest
@testable import Engine

/// tiny-a-modelscope holds tiny-a's exact weights in ModelScope's files and names
/// (tools/fixtures/make_torch_fixtures.py), so both layouts must load the same model.
final class ModelScopeFolderTests: XCTestCase {
    private let modelScopeURL = Fixtures.checkpoint("tiny-a-modelscope")
    private let diffusersURL = Fixtures.checkpoint("tiny-a")

    func testTheFolderIsRecognisedAndDescribed() throws {
        XCTAssertTrue(ModelScopeFolder.isModelScope(modelScopeURL))
        XCTAssertFalse(ModelScopeFolder.isModelScope(diffusersURL))
        let folder = try ModelFolder(url: modelScopeURL)
        guard case .modelScope = folder.layout else { return XCTFail("not read as ModelScope") }
        XCTAssertTrue(folder.isRandomWeights)
        XCTAssertEqual(folder.index.defaultFrames, 16)
        let summary = folder.summary
        XCTAssertTrue(summary.contains("ModelScope layout"), summary)
        XCTAssertTrue(summary.contains("text2video_pytorch_model.pth"), summary)
        XCTAssertTrue(summary.contains("F32"), summary)
    }

    func testEveryComponentHasTheDiffusersNamesShapesAndValues() throws {
        let modelScope = try ModelFolder(url: modelScopeURL)
        let diffusers = try ModelFolder(url: diffusersURL)
        for component in ["unet", "vae", "text_encoder"] {
            let mapped = try modelScope.weights(component)
            let reference = try diffusers.weights(component)
            XCTAssertEqual(mapped.names, reference.names, component)
            for name in reference.names {
                let shape = try XCTUnwrap(reference.info(name)).shape
                XCTAssertEqual(try mapped.take(name, shape: shape).scalars, try reference.take(name, shape: shape).scalars, "\(component) \(name)")
            }
            XCTAssertNoThrow(try mapped.finish(), component)
        }
    }

    func testConfigsDerivedFromConfigurationJSONMatchTheDiffusersOnes() throws {
        let modelScope = try ModelFolder(url: modelScopeURL)
        let diffusers = try ModelFolder(url: diffusersURL)
        XCTAssertEqual(try modelScope.config(UNet3DConfig.self, component: "unet"), try diffusers.config(UNet3DConfig.self, component: "unet"))
        XCTAssertEqual(try modelScope.config(CLIPTextConfig.self, component: "text_encoder"),
                       try diffusers.config(CLIPTextConfig.self, component: "text_encoder"))
        var vae = try modelScope.config(AutoencoderKLConfig.self, component: "vae")
        let reference = try diffusers.config(AutoencoderKLConfig.self, component: "vae")
        XCTAssertEqual(vae.sampleSize, 256)
        vae.sampleSize = reference.sampleSize
        XCTAssertEqual(vae, reference)
        XCTAssertEqual(try modelScope.config(SchedulerConfig.self, component: "scheduler"),
                       try diffusers.config(SchedulerConfig.self, component: "scheduler"))
    }

    func testBothLayoutsGenerateTheSameFrames() throws {
        let settings = GenerationSettings(prompt: "a red panda", negativePrompt: "blur", seed: 7, steps: 2, guidance: 9,
                                          frames: 2, width: 16, height: 16)
        let fromDiffusers = try TextToVideoPipeline(folder: diffusersURL).generate(settings)
        let fromModelScope = try TextToVideoPipeline(folder: modelScopeURL).generate(settings)
        XCTAssertEqual(fromModelScope.frames.shape, [2, 16, 16, 3])
        XCTAssertEqual(fromModelScope.frames.scalars, fromDiffusers.frames.scalars)
    }

    func testAMissingConfigKeyNamesTheFileAndKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"model": {"model_cfg": {"unet_dim": 8}}}"#.utf8).write(to: folder.appendingPathComponent("configuration.json"))
        try FileManager.default.copyItem(at: modelScopeURL.appendingPathComponent(ModelScopeFolder.unetFile),
                                         to: folder.appendingPathComponent(ModelScopeFolder.unetFile))
        let model = try ModelFolder(url: folder)
        XCTAssertThrowsError(try model.config(UNet3DConfig.self, component: "unet")) { error in
            XCTAssertEqual(error as? WeightError, .badConfig(folder.appendingPathComponent("configuration.json"),
                                                             reason: "model.model_cfg.unet_dim_mult: missing key"))
        }
    }

    /// Without tokenizer/, the folder's OpenCLIP vocabulary file is turned into one, once, in place.
    func testOpenCLIPsVocabularyStandsInForTheTokenizer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ms-vocab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["configuration.json", ModelScopeFolder.unetFile, ModelScopeFolder.vaeFile, ModelScopeFolder.textEncoderFile] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(file),
                                                       withDestinationURL: modelScopeURL.appendingPathComponent(file))
        }
        XCTAssertThrowsError(try TextToVideoPipeline(folder: folder)) { error in
            XCTAssertEqual(error as? WeightError, .missingTokenizer(folder))
            XCTAssertTrue("\(error)".contains("bpe_simple_vocab_16e6.txt.gz"), "\(error)")
        }
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("openclip/bpe_simple_vocab_16e6.txt.gz"),
                                         to: folder.appendingPathComponent("bpe_simple_vocab_16e6.txt.gz"))
        let settings = GenerationSettings(prompt: "a red panda", seed: 7, steps: 1, guidance: 9, frames: 2, width: 16, height: 16)
        let fromVocabulary = try TextToVideoPipeline(folder: folder).generate(settings)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tokenizer/vocab.json").path))
        XCTAssertEqual(fromVocabulary.frames.scalars, try TextToVideoPipeline(folder: diffusersURL).generate(settings).frames.scalars)
    }
}
