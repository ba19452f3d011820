import Foundation
import XCTest
@testable import Engine

final class ShardIndexTests: XCTestCase {
    private var folder: URL!
    private var url: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("index")
        url = folder.appendingPathComponent("model.safetensors.index.json")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testReadsWeightMapAndDistinctShards() throws {
        try Data(#"{"metadata": {"total_size": 8}, "weight_map": {"a": "s2.safetensors", "b": "s1.safetensors", "c": "s2.safetensors"}}"#.utf8).write(to: url)
        let index = try ShardIndex(url: url)
        XCTAssertEqual(index.weightMap["a"], "s2.safetensors")
        XCTAssertEqual(index.shardURLs.map(\.lastPathComponent), ["s1.safetensors", "s2.safetensors"])
    }

    func testMissingWeightMap() throws {
        try Data(#"{"metadata": {}}"#.utf8).write(to: url)
        assertThrowsWeightError(try ShardIndex(url: url), .badIndex(url, reason: "weight_map: missing key"),
                                mentions: ["model.safetensors.index.json", "weight_map"])
    }

    func testEmptyWeightMap() throws {
        try Data(#"{"weight_map": {}}"#.utf8).write(to: url)
        assertThrowsWeightError(try ShardIndex(url: url), .badIndex(url, reason: "weight_map is empty"),
                                mentions: ["model.safetensors.index.json"])
    }

    func testShardOutsideTheFolderIsRejected() throws {
        try Data(#"{"weight_map": {"a": "../elsewhere.safetensors"}}"#.utf8).write(to: url)
        XCTAssertThrowsError(try ShardIndex(url: url)) { error in
            guard case .badIndex(url, let reason)? = error as? WeightError else { return XCTFail("got \(error)") }
            XCTAssertTrue(reason.contains("'a'") && reason.contains("../elsewhere.safetensors"), reason)
        }
    }
}
