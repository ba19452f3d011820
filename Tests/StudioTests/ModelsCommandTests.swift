import Foundation
import XCTest
@testable import Studio

final class ModelsCommandTests: XCTestCase {
    private var root: URL!
    private let fixtures = ModelLocator.repositoryRoot.appendingPathComponent("Tests/Fixtures/checkpoints")

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("studio-models-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// A snapshot as huggingface_hub writes one: real folders, every file a link (here to the fixture's
    /// file), refs/main naming the snapshot.
    private func cache(_ fixture: String, as name: String) throws -> URL {
        let hub = root.appendingPathComponent("hub")
        let repo = hub.appendingPathComponent(ModelLocator.hubFolderName(name)!)
        let snapshot = repo.appendingPathComponent("snapshots/0123abcd")
        try linkFiles(from: fixtures.appendingPathComponent(fixture).resolvingSymlinksInPath(), into: snapshot)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("refs"), withIntermediateDirectories: true)
        try "0123abcd".write(to: repo.appendingPathComponent("refs/main"), atomically: true, encoding: .utf8)
        return hub
    }

    private func linkFiles(from source: URL, into target: URL) throws {
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let item = source.appendingPathComponent(entry).resolvingSymlinksInPath()
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: item.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try linkFiles(from: item, into: target.appendingPathComponent(entry))
            } else {
                try FileManager.default.createSymbolicLink(at: target.appendingPathComponent(entry), withDestinationURL: item)
            }
        }
    }

    func testACachedCheckpointIsFoundByNameAndListed() throws {
        let hub = try cache("tiny-a", as: "test-owner/tiny-t2v")
        let environment = ["HF_HUB_CACHE": hub.path]
        let locator = ModelLocator(explicitPath: "test-owner/tiny-t2v", environment: environment, homeDirectory: "/nonexistent")
        let url = try ModelOption.resolve("test-owner/tiny-t2v", locator: locator)
        XCTAssertTrue(url.path.hasSuffix("models--test-owner--tiny-t2v/snapshots/0123abcd"))

        let rows = ModelsCommand.rows(ModelLocator(explicitPath: nil, environment: environment, homeDirectory: "/nonexistent"))
        let row = try XCTUnwrap(rows.first { $0.name == "test-owner/tiny-t2v" }, "\(rows)")
        XCTAssertEqual(row.layout, "diffusers")
        XCTAssertEqual(row.dtype, "F32")
        XCTAssertTrue(row.size.hasSuffix("MB") || row.size.hasSuffix("kB"), row.size)
        XCTAssertEqual(row.place, url.path)
        XCTAssertTrue(rows.contains { $0.name == "demo (bundled)" })
        let text = ModelsCommand.render(rows)
        XCTAssertTrue(text.hasPrefix("NAME"), text)
        XCTAssertTrue(text.contains("test-owner/tiny-t2v"), text)
    }

    func testAModelScopeFolderIsListedWithItsLayout() throws {
        let locator = ModelLocator(explicitPath: fixtures.appendingPathComponent("tiny-a-modelscope").path,
                                   environment: [:], homeDirectory: "/nonexistent")
        let rows = ModelsCommand.rows(locator)
        let row = try XCTUnwrap(rows.first { $0.name == "tiny-a-modelscope" }, "\(rows)")
        XCTAssertEqual(row.layout, "ModelScope")
        XCTAssertEqual(row.dtype, "F32 (random)")
        XCTAssertEqual(try ModelOption.resolve(row.place, locator: locator).path, row.place)
    }

    func testAnUnknownHubNameSaysHowToGetIt() {
        let locator = ModelLocator(explicitPath: "nobody/nothing", environment: ["HF_HUB_CACHE": root.path], homeDirectory: "/nonexistent")
        XCTAssertThrowsError(try ModelOption.resolve("nobody/nothing", locator: locator)) { error in
            XCTAssertTrue("\(error)".contains("studio pull nobody/nothing"), "\(error)")
        }
    }
}
