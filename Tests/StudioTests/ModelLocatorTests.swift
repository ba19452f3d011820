import Foundation
import XCTest
@testable import Studio

final class ModelLocatorTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("studio-models-\(getpid())-\(name.hashValue)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func makeModel(at url: URL, components: [String]) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: url.appendingPathComponent("model_index.json"))
        for c in components {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(c), withIntermediateDirectories: true)
        }
    }

    func testFindsTheSnapshotRefsMainPointsAt() throws {
        let repo = root.appendingPathComponent("hub/models--damo-vilab--text-to-video-ms-1.7b")
        try makeModel(at: repo.appendingPathComponent("snapshots/abc123"), components: ModelLocator.components)
        try makeModel(at: repo.appendingPathComponent("snapshots/old999"), components: [])
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("refs"), withIntermediateDirectories: true)
        try "abc123\n".write(to: repo.appendingPathComponent("refs/main"), atomically: true, encoding: .utf8)

        let locator = ModelLocator(explicitPath: nil, environment: ["HF_HUB_CACHE": root.appendingPathComponent("hub").path],
                                   homeDirectory: "/nonexistent")
        let hub = try XCTUnwrap(locator.candidates().first { $0.source == "$HF_HUB_CACHE" })
        guard case .found(let folder) = hub.status else { return XCTFail("\(hub.status)") }
        XCTAssertTrue(folder.root.hasSuffix("snapshots/abc123"))
        XCTAssertTrue(folder.isComplete)
        XCTAssertEqual(locator.firstComplete()?.root, folder.root)
    }

    func testExplicitFolderWithMissingParts() throws {
        let model = root.appendingPathComponent("mine")
        try makeModel(at: model, components: ["unet", "vae"])
        let locator = ModelLocator(explicitPath: model.path, environment: [:], homeDirectory: "/nonexistent")
        let candidates = locator.candidates()
        XCTAssertEqual(candidates.first?.source, "--model")
        guard case .found(let folder)? = candidates.first?.status else { return XCTFail() }
        XCTAssertEqual(folder.missingComponents, ["text_encoder", "tokenizer", "scheduler"])
        XCTAssertFalse(folder.isComplete)
        XCTAssertNil(locator.firstComplete())
    }

    func testSearchOrderAndUnsetPlaces() {
        let locator = ModelLocator(explicitPath: nil, environment: ["HF_HOME": "/x", "STUDIO_MODEL": ""],
                                   homeDirectory: "/home/u")
        let candidates = locator.candidates()
        XCTAssertEqual(candidates.map(\.source), ["--model", "$STUDIO_MODEL", "$HF_HUB_CACHE", "$HF_HOME/hub",
                                                  "~/.cache/huggingface/hub", "bundled demo"])
        XCTAssertEqual(candidates[1].status, .notSet, "an empty variable counts as unset")
        XCTAssertEqual(candidates[3], .init(source: "$HF_HOME/hub", path: "/x/hub", status: .absent))
        XCTAssertEqual(candidates[4].path, "/home/u/.cache/huggingface/hub")
        XCTAssertTrue(candidates[5].path?.hasSuffix("/models/demo") ?? false)
    }
}
