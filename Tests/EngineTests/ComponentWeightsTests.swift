import Foundation
import XCTest
@testable import Engine

final class ComponentWeightsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("component")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func vaeFile(_ entries: [SafeTensorsFixture.Entry]) throws -> (URL, ComponentWeights) {
        let vae = folder.appendingPathComponent("vae")
        try FileManager.default.createDirectory(at: vae, withIntermediateDirectories: true)
        let url = try SafeTensorsFixture.write(entries, to: vae.appendingPathComponent("diffusion_pytorch_model.safetensors"))
        return (url, try ComponentWeights.load(folder: vae))
    }

    func testTakeReturnsValuesAndFinishPassesWhenAllUsed() throws {
        let (url, weights) = try vaeFile([
            .f32("conv.weight", [2, 1, 1, 1], [0.5, -1]),
            .f16("conv.bias", [2], bits: [0x3C00, 0x4000]),
        ])
        XCTAssertEqual(weights.location, url)
        XCTAssertEqual(weights.names, ["conv.bias", "conv.weight"])
        XCTAssertEqual(try weights.take("conv.weight", shape: [2, 1, 1, 1]).scalars, [0.5, -1])
        XCTAssertEqual(weights.unusedNames, ["conv.bias"])
        XCTAssertEqual(try weights.take("conv.bias", shape: [2]).scalars, [1, 2])
        XCTAssertNoThrow(try weights.finish())
    }

    func testMissingTensor() throws {
        let (url, weights) = try vaeFile([.f32("a", [1], [1])])
        assertThrowsWeightError(try weights.take("decoder.conv_in.weight", shape: [1]),
                                .missingTensor(url, tensor: "decoder.conv_in.weight"),
                                mentions: ["diffusion_pytorch_model.safetensors", "decoder.conv_in.weight"])
    }

    func testWrongShapeSaysExpectedAndFound() throws {
        let (url, weights) = try vaeFile([.f32("proj.weight", [2, 3], [1, 2, 3, 4, 5, 6])])
        assertThrowsWeightError(try weights.take("proj.weight", shape: [3, 2]),
                                .shapeMismatch(url, tensor: "proj.weight", expected: [3, 2], found: [2, 3]),
                                mentions: ["diffusion_pytorch_model.safetensors", "proj.weight", "[3, 2]", "[2, 3]"])
        // A failed take does not count as a use.
        XCTAssertEqual(weights.unusedNames, ["proj.weight"])
    }

    func testExtraTensorCaughtByFinish() throws {
        let (url, weights) = try vaeFile([
            .f32("used", [1], [1]), .f32("stray.weight", [1], [2]), .f32("stray.bias", [1], [3]),
        ])
        _ = try weights.take("used", shape: [1])
        assertThrowsWeightError(try weights.finish(), .unexpectedTensors(url, names: ["stray.bias", "stray.weight"]),
                                mentions: ["diffusion_pytorch_model.safetensors", "2 unexpected", "stray.bias", "stray.weight"])
    }

    func testIgnoredBufferIsNotReported() throws {
        let (_, weights) = try vaeFile([
            .f32("text_model.final_layer_norm.weight", [1], [1]),
            .i64("text_model.embeddings.position_ids", [1, 3], [0, 1, 2]),
        ])
        _ = try weights.take("text_model.final_layer_norm.weight", shape: [1])
        weights.ignore("text_model.embeddings.position_ids")
        weights.ignore("not.there")
        XCTAssertNoThrow(try weights.finish())
        XCTAssertEqual(weights.dtypeSummary, "I64+F32")     // 24 bytes of I64 outweigh 4 of F32
    }

    func testLegacyAliasThroughAnyOf() throws {
        let (url, weights) = try vaeFile([
            .f32("decoder.mid_block.attentions.0.query.weight", [1, 1], [4]),
        ])
        let names = ["decoder.mid_block.attentions.0.to_q.weight", "decoder.mid_block.attentions.0.query.weight"]
        XCTAssertEqual(try weights.take(anyOf: names, shape: [1, 1]).scalars, [4])
        XCTAssertNoThrow(try weights.finish())
        assertThrowsWeightError(try weights.take(anyOf: ["x.to_k.weight", "x.key.weight"], shape: [1]),
                                .missingTensor(url, tensor: "x.to_k.weight or x.key.weight"),
                                mentions: ["x.to_k.weight", "x.key.weight", "diffusion_pytorch_model.safetensors"])
    }

    func testParameterChecksShapeAndRecordsUse() throws {
        let (url, weights) = try vaeFile([
            .f32("decoder.mid_block.attentions.0.query.weight", [1, 2], [4, 5]),
        ])
        let names = ["decoder.mid_block.attentions.0.to_q.weight", "decoder.mid_block.attentions.0.query.weight"]
        assertThrowsWeightError(try weights.parameter(names[1], shape: [2, 1]),
                                .shapeMismatch(url, tensor: names[1], expected: [2, 1], found: [1, 2]),
                                mentions: [names[1], "[2, 1]", "[1, 2]"])
        XCTAssertEqual(weights.unusedNames, [names[1]])
        let parameter = try weights.parameter(anyOf: names, shape: [1, 2])
        parameter.withTensor { XCTAssertEqual($0.scalars, [4, 5]) }
        XCTAssertNoThrow(try weights.finish())
    }

    func testTextModelPrefixPresentOrAbsent() throws {
        let (_, weights) = try vaeFile([.f32("embeddings.token_embedding.weight", [1, 2], [1, 2])])
        let tensor = try weights.take(anyOf: ["text_model.embeddings.token_embedding.weight", "embeddings.token_embedding.weight"], shape: [1, 2])
        XCTAssertEqual(tensor.scalars, [1, 2])
    }

    func testSummaryAndDescription() throws {
        let (_, weights) = try vaeFile([.f16("a", [4], bits: [0, 0, 0, 0]), .f16("b", [2], bits: [0, 0])])
        XCTAssertEqual(weights.dtypeSummary, "F16")
        XCTAssertEqual(weights.tensorBytes, 12)
        XCTAssertEqual(weights.fileBytes, try FileManager.default.attributesOfItem(atPath: weights.location.path)[.size] as? Int)
        XCTAssertTrue(weights.description.hasPrefix("vae/diffusion_pytorch_model.safetensors (F16, "), weights.description)
        XCTAssertTrue(weights.description.contains("2 tensors"), weights.description)
    }

    func testShardedIndex() throws {
        let unet = folder.appendingPathComponent("unet")
        try FileManager.default.createDirectory(at: unet, withIntermediateDirectories: true)
        try SafeTensorsFixture.write([.f32("a.weight", [2], [1, 2]), .f32("b.weight", [1], [3])],
                                     to: unet.appendingPathComponent("diffusion_pytorch_model-00001-of-00002.safetensors"))
        try SafeTensorsFixture.write([.f16("c.weight", [1], bits: [0x4400])],
                                     to: unet.appendingPathComponent("diffusion_pytorch_model-00002-of-00002.safetensors"))
        let index = unet.appendingPathComponent("diffusion_pytorch_model.safetensors.index.json")
        try writeIndex(["a.weight": 1, "b.weight": 1, "c.weight": 2], to: index)

        let weights = try ComponentWeights.load(folder: unet)
        XCTAssertEqual(weights.location, index)
        XCTAssertEqual(weights.files.count, 2)
        XCTAssertEqual(weights.names, ["a.weight", "b.weight", "c.weight"])
        XCTAssertEqual(try weights.take("a.weight", shape: [2]).scalars, [1, 2])
        XCTAssertEqual(try weights.take("c.weight", shape: [1]).scalars, [4])
        XCTAssertEqual(weights.dtypeSummary, "F32+F16")
        XCTAssertTrue(weights.description.contains("2 shards"), weights.description)
        assertThrowsWeightError(try weights.finish(), .unexpectedTensors(index, names: ["b.weight"]),
                                mentions: ["diffusion_pytorch_model.safetensors.index.json", "b.weight"])
    }

    func testShardIndexPointingAtTheWrongShard() throws {
        let shard1 = try SafeTensorsFixture.write([.f32("a", [1], [1])], to: folder.appendingPathComponent("model-00001-of-00002.safetensors"))
        try SafeTensorsFixture.write([.f32("b", [1], [1])], to: folder.appendingPathComponent("model-00002-of-00002.safetensors"))
        let index = folder.appendingPathComponent("model.safetensors.index.json")
        try writeIndex(["a": 1, "b": 1], to: index, stem: "model")
        assertThrowsWeightError(try ComponentWeights.load(file: index), .missingTensor(shard1, tensor: "b"),
                                mentions: ["model-00001-of-00002.safetensors", "'b'"])
    }

    func testTensorInTwoShards() throws {
        let shard1 = try SafeTensorsFixture.write([.f32("a", [1], [1])], to: folder.appendingPathComponent("model-00001-of-00002.safetensors"))
        let shard2 = try SafeTensorsFixture.write([.f32("a", [1], [1])], to: folder.appendingPathComponent("model-00002-of-00002.safetensors"))
        let index = folder.appendingPathComponent("model.safetensors.index.json")
        try writeIndex(["a": 1, "b": 2], to: index, stem: "model")
        assertThrowsWeightError(try ComponentWeights.load(file: index), .duplicateTensor(shard1, tensor: "a", alsoIn: shard2),
                                mentions: ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "'a'"])
    }

    func testMissingShardFile() throws {
        let index = folder.appendingPathComponent("model.safetensors.index.json")
        try writeIndex(["a": 1], to: index, stem: "model", shards: 1)
        let shard = folder.appendingPathComponent("model-00001-of-00001.safetensors")
        assertThrowsWeightError(try ComponentWeights.load(file: index), .fileMissing(shard), mentions: ["model-00001-of-00001.safetensors"])
    }

    private func writeIndex(_ map: [String: Int], to url: URL, stem: String = "diffusion_pytorch_model", shards: Int = 2) throws {
        let entries = map.sorted { $0.key < $1.key }.map { name, shard in
            "\"\(name)\": \"\(stem)-0000\(shard)-of-0000\(shards).safetensors\""
        }
        let json = "{\"metadata\": {\"total_size\": 16}, \"weight_map\": {\(entries.joined(separator: ", "))}}"
        try Data(json.utf8).write(to: url)
    }

    func testAFolderWithOnlyAPyTorchCheckpointLoadsThroughTheRestrictedReader() throws {
        let folder = try SafeTensorsFixture.makeTemporaryFolder("torch-component")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("torch/views.pth"),
                                         to: folder.appendingPathComponent("diffusion_pytorch_model.bin"))
        let weights = try ComponentWeights.load(folder: folder)
        XCTAssertEqual(weights.location.lastPathComponent, "diffusion_pytorch_model.bin")
        XCTAssertEqual(try weights.take("tail", shape: [2, 3]).scalars, [6, 7, 8, 9, 10, 11])
        XCTAssertEqual(weights.dtypeSummary, "F32+F16+BF16")
    }
}
