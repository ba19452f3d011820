import ArgumentParser
import Foundation
import XCTest
@testable import Studio

final class HistoryCommandTests: XCTestCase {
    private var home: TemporaryDataHome!

    override func setUpWithError() throws { home = try TemporaryDataHome() }
    override func tearDown() { home.restore() }

    func testEntryNumbersAcceptAHashButNothingElse() {
        XCTAssertEqual(HistoryCommand.entryID("12"), 12)
        XCTAssertEqual(HistoryCommand.entryID("#12"), 12)
        XCTAssertNil(HistoryCommand.entryID("0"))
        XCTAssertNil(HistoryCommand.entryID("clip.mp4"))
    }

    func testParsesListByDefaultAndDelete() throws {
        let list = try HistoryCommand.parseAsRoot(["--search", "fox", "--json"])
        XCTAssertEqual((list as? HistoryCommand.List)?.search, "fox")
        XCTAssertEqual((list as? HistoryCommand.List)?.json, true)
        XCTAssertEqual((try HistoryCommand.parseAsRoot(["delete", "#3"]) as? HistoryCommand.Delete)?.id, "#3")
        XCTAssertThrowsError(try HistoryCommand.parseAsRoot(["delete", "three"]))
        XCTAssertThrowsError(try HistoryCommand.parseAsRoot(["--limit", "0"]))
    }

    func testLineAndJSONDescribeEachEntry() throws {
        let store = try HistoryStore()
        let entry = try store.record(TemporaryDataHome.clip(prompt: "a red fox", seed: 42), modelName: "demo", modelWeightsHash: nil)
        let line = HistoryCommand.line(entry)
        XCTAssertTrue(line.hasPrefix("#\(entry.id!)  "), line)
        XCTAssertTrue(line.contains("  seed 42, 3 steps, 4×32×24, 1."), line)
        XCTAssertTrue(line.hasSuffix(" s  a red fox"), line)
        let json = try HistoryCommand.json([entry], store: store)
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(objects.count, 1)
        XCTAssertEqual(objects[0]["prompt"] as? String, "a red fox")
        XCTAssertEqual(objects[0]["seed"] as? String, "42")
        XCTAssertTrue(objects[0]["model_weights_hash"] is NSNull)
        XCTAssertEqual(objects[0]["folder"] as? String, store.folderURL(of: entry).path)
    }

    func testDeleteRemovesTheEntryAndAMissingOneIsAClearError() throws {
        let store = try HistoryStore()
        let entry = try store.record(TemporaryDataHome.clip(), modelName: "demo", modelWeightsHash: nil)
        try HistoryCommand.Delete.parse(["\(entry.id!)"]).run()
        XCTAssertEqual(try store.entries(), [])
        XCTAssertThrowsError(try HistoryCommand.Delete.parse(["\(entry.id!)"]).run()) {
            XCTAssertEqual(($0 as? CLIError)?.description, "no history entry #\(entry.id!) (see `studio history`)")
        }
    }
}
