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
        XCTAssertEqual(candidates.map(\.source), ["--model", "$STUDIO_MODEL", "config model", "$HF_HUB_CACHE", "$HF_HOME/hub",
                                                  "~/.cache/huggingface/hub", "$MODELSCOPE_CACHE", "~/.cache/modelscope/hub",
                                                  "bundled demo"])
        XCTAssertEqual(candidates[1].status, .notSet, "an empty variable counts as unset")
        XCTAssertEqual(candidates[2].status, .notSet)
        XCTAssertEqual(candidates[4], .init(source: "$HF_HOME/hub", path: "/x/hub", status: .absent))
        XCTAssertEqual(candidates[5].path, "/home/u/.cache/huggingface/hub")
        XCTAssertEqual(candidates[7].path, "/home/u/.cache/modelscope/hub/damo/text-to-video-synthesis")
        XCTAssertTrue(candidates[8].path?.hasSuffix("/models/demo") ?? false)
    }

    func testAHubNameIsLookedUpInTheCacheAndItsFP16OnlySnapshotCounts() throws {
        let repo = root.appendingPathComponent("hub/models--cerspense--zeroscope_v2_576w")
        try makeModel(at: repo.appendingPathComponent("snapshots/f00d"), components: ModelLocator.components)
        let locator = ModelLocator(explicitPath: "cerspense/zeroscope_v2_576w",
                                   environment: ["HF_HOME": root.path], homeDirectory: "/nonexistent")
        let given = try XCTUnwrap(locator.candidates().first)
        guard case .found(let folder) = given.status else { return XCTFail("\(given.status)") }
        XCTAssertTrue(folder.root.hasSuffix("models--cerspense--zeroscope_v2_576w/snapshots/f00d"))
        XCTAssertEqual(locator.firstComplete()?.root, folder.root)
        XCTAssertEqual(ModelLocator.hubFolderName("damo-vilab/text-to-video-ms-1.7b"), "models--damo-vilab--text-to-video-ms-1.7b")
        XCTAssertNil(ModelLocator.hubFolderName("/abs/path"))
        XCTAssertNil(ModelLocator.hubFolderName("a/b/c"))
        XCTAssertNil(ModelLocator.hubFolderName("../x"))
    }

    func testConfiguredModelComesAfterTheVariableAndBeforeTheCaches() throws {
        let configured = root.appendingPathComponent("configured")
        try makeModel(at: configured, components: ModelLocator.components)
        let hub = root.appendingPathComponent("hub/models--damo-vilab--text-to-video-ms-1.7b/snapshots/r")
        try makeModel(at: hub, components: ModelLocator.components)
        var locator = ModelLocator(explicitPath: nil, environment: ["HF_HUB_CACHE": root.appendingPathComponent("hub").path],
                                   homeDirectory: "/nonexistent", configuredPath: configured.path)
        XCTAssertEqual(locator.firstComplete()?.root, configured.path)
        let variable = root.appendingPathComponent("variable")
        try makeModel(at: variable, components: ModelLocator.components)
        locator.environment["STUDIO_MODEL"] = variable.path
        XCTAssertEqual(locator.firstComplete()?.root, variable.path)
    }

    func testTheModelScopeCacheHoldsTheOriginalLayout() throws {
        let cache = root.appendingPathComponent("ms")
        let folder = cache.appendingPathComponent("hub/damo/text-to-video-synthesis")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["configuration.json", "text2video_pytorch_model.pth", "VQGAN_autoencoder.pth"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(file))
        }
        let locator = ModelLocator(explicitPath: nil, environment: ["MODELSCOPE_CACHE": cache.path], homeDirectory: "/nonexistent")
        let found = try XCTUnwrap(locator.candidates().first { $0.source == "$MODELSCOPE_CACHE" })
        guard case .found(let model) = found.status else { return XCTFail("\(found.status)") }
        XCTAssertEqual(model.layout, .modelScope)
        XCTAssertEqual(model.missingComponents, ["open_clip_pytorch_model.bin", "tokenizer"])
        XCTAssertFalse(model.isComplete)
    }
}
