import Foundation
import XCTest
@testable import Engine

/// A small config in the style model code will write: the file's snake_case keys via CodingKeys,
/// class defaults for absent keys.
private struct SmallUNetConfig: Decodable, Equatable {
    var blockOutChannels: [Int]
    var layersPerBlock: Int
    var downsamplePadding: Int
    var attentionHeads: Int?

    enum CodingKeys: String, CodingKey {
        case blockOutChannels = "block_out_channels"
        case layersPerBlock = "layers_per_block"
        case downsamplePadding = "downsample_padding"
        case attentionHeads = "num_attention_heads"
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        blockOutChannels = try container.decode([Int].self, forKey: .blockOutChannels)
        layersPerBlock = try container.decode(Int.self, forKey: .layersPerBlock, default: 2)
        downsamplePadding = try container.decode(Int.self, forKey: .downsamplePadding, default: 1)
        attentionHeads = try container.decodeIfPresent(Int.self, forKey: .attentionHeads)
    }
}

private struct Nested: Decodable {
    struct Inner: Decodable { let size: Int }
    let blocks: [Inner]
}

final class ConfigDecodingTests: XCTestCase {
    private var folder: URL!
    private var url: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("config")
        url = folder.appendingPathComponent("config.json")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ json: String) throws { try Data(json.utf8).write(to: url) }

    func testDecodesWithDefaultsForAbsentAndNullKeys() throws {
        try write(#"{"_class_name": "UNet3DConditionModel", "block_out_channels": [320, 640], "downsample_padding": null, "num_attention_heads": null}"#)
        let config = try ConfigDecoding.decode(SmallUNetConfig.self, from: url)
        XCTAssertEqual(config.blockOutChannels, [320, 640])
        XCTAssertEqual(config.layersPerBlock, 2)
        XCTAssertEqual(config.downsamplePadding, 1)
        XCTAssertNil(config.attentionHeads)
    }

    func testWrongTypeNamesFileAndKeyPath() throws {
        try write(#"{"block_out_channels": [320, "640"]}"#)
        XCTAssertThrowsError(try ConfigDecoding.decode(SmallUNetConfig.self, from: url)) { error in
            guard case .badConfig(url, let reason)? = error as? WeightError else { return XCTFail("got \(error)") }
            XCTAssertTrue(reason.hasPrefix("block_out_channels[1]: expected Int"), reason)
            XCTAssertTrue((error as! WeightError).description.contains("config.json"))
        }
    }

    func testNestedKeyPath() throws {
        try write(#"{"blocks": [{"size": 1}, {"size": null}]}"#)
        XCTAssertThrowsError(try ConfigDecoding.decode(Nested.self, from: url)) { error in
            XCTAssertEqual(error as? WeightError, .badConfig(url, reason: "blocks[1].size: expected Int, found null"))
        }
    }

    func testMissingRequiredKey() throws {
        try write(#"{"layers_per_block": 2}"#)
        assertThrowsWeightError(try ConfigDecoding.decode(SmallUNetConfig.self, from: url),
                                .badConfig(url, reason: "block_out_channels: missing key"),
                                mentions: ["config.json", "block_out_channels"])
    }

    func testInvalidJSON() throws {
        try write(#"{"block_out_channels": [320,"#)
        XCTAssertThrowsError(try ConfigDecoding.decode(SmallUNetConfig.self, from: url)) { error in
            guard case .badConfig(url, let reason)? = error as? WeightError else { return XCTFail("got \(error)") }
            XCTAssertTrue(reason.hasPrefix("invalid JSON"), reason)
            XCTAssertFalse(reason.contains("\n"))
        }
    }

    func testMissingFile() {
        let absent = folder.appendingPathComponent("scheduler_config.json")
        assertThrowsWeightError(try ConfigDecoding.decode(SmallUNetConfig.self, from: absent), .fileMissing(absent),
                                mentions: ["scheduler_config.json"])
    }

    func testSnakeCaseStrategy() throws {
        struct Plain: Decodable { let layersPerBlock: Int }
        try write(#"{"layers_per_block": 3}"#)
        XCTAssertEqual(try ConfigDecoding.decode(Plain.self, from: url, keyDecoding: .convertFromSnakeCase).layersPerBlock, 3)
    }
}
