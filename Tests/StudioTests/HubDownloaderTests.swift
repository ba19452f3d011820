import Engine
import Foundation
import XCTest
@testable import Studio

/// `studio pull` against a loopback hub serving tiny-a in the hub's URL layout.
final class HubDownloaderTests: XCTestCase {
    private var cache: URL!
    private var hub: LoopbackHub?
    private let commit = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
    private let fixtures = ModelLocator.repositoryRoot.appendingPathComponent("Tests/Fixtures")

    override func setUpWithError() throws {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("pull-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        hub?.stop()
        try? FileManager.default.removeItem(at: cache)
    }

    private func plan() -> LoopbackHub.Plan {
        let tinyA = fixtures.appendingPathComponent("checkpoints/tiny-a")
        var files: [String: String] = [:]
        for path in ["model_index.json", "scheduler/scheduler_config.json", "text_encoder/config.json", "text_encoder/model.safetensors",
                     "unet/config.json", "unet/diffusion_pytorch_model.safetensors", "vae/config.json", "vae/diffusion_pytorch_model.safetensors"] {
            files[path] = tinyA.appendingPathComponent(path).path
        }
        for name in ["vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"] {
            files["tokenizer/\(name)"] = fixtures.appendingPathComponent("tokenizer/\(name)").path
        }
        // Never wanted by a pull: a pickle beside the safetensors and the model card.
        files["unet/diffusion_pytorch_model.bin"] = fixtures.appendingPathComponent("torch/views.pth").path
        files["README.md"] = fixtures.appendingPathComponent("README.md").path
        return LoopbackHub.Plan(name: "test/tiny", commit: commit, files: files, token: "secret")
    }

    private func pull(_ plan: LoopbackHub.Plan, token: String? = "secret") throws -> URL {
        let server = try LoopbackHub(plan: plan)
        hub = server
        let downloader = HubDownloader(endpoint: URL(string: server.endpoint)!, token: token, cache: cache)
        return try downloader.pull("test/tiny")
    }

    private var repository: URL { cache.appendingPathComponent("models--test--tiny") }

    private func sha256(_ path: String) throws -> String {
        try SHA256.hexDigest(ofFile: fixtures.appendingPathComponent("checkpoints/tiny-a/\(path)"))
    }

    private func leftovers() -> [String] {
        (FileManager.default.enumerator(atPath: repository.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".incomplete") }
    }

    func testAPullWritesTheHubCacheLayoutThatStudioThenFindsByName() throws {
        let snapshot = try pull(plan())
        XCTAssertEqual(snapshot.path, repository.appendingPathComponent("snapshots/\(commit)").path)
        XCTAssertEqual(try String(contentsOf: repository.appendingPathComponent("refs/main"), encoding: .utf8), commit)
        let unetSHA = try sha256("unet/diffusion_pytorch_model.safetensors")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: snapshot.appendingPathComponent("unet/diffusion_pytorch_model.safetensors").path)
        XCTAssertEqual(link, "../../../blobs/\(unetSHA)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: repository.appendingPathComponent("blobs/\(unetSHA)").path))
        XCTAssertEqual(leftovers(), [])

        let requests = try XCTUnwrap(hub?.requests)
        XCTAssertTrue(requests.allSatisfy { $0.hasSuffix("|Bearer secret") }, "\(requests)")
        XCTAssertFalse(requests.contains { $0.contains("README.md") || $0.contains(".bin") }, "\(requests)")
        XCTAssertEqual(requests.count, 1 + 12)

        let locator = ModelLocator(explicitPath: "test/tiny", environment: ["HF_HUB_CACHE": cache.path], homeDirectory: "/nonexistent")
        let found = try ModelOption.resolve("test/tiny", locator: locator)
        XCTAssertEqual(found.path, snapshot.path)
        let model = try Engine.ModelFolder(url: found)
        XCTAssertEqual(try model.weights("unet").names.count, 622)
        XCTAssertTrue(ModelsCommand.rows(locator).contains { $0.name == "test/tiny" && $0.dtype == "F32" })

        // A second pull finds every blob in place and fetches nothing but the listing.
        let before = requests.count
        _ = try HubDownloader(endpoint: URL(string: hub!.endpoint)!, token: "secret", cache: cache).pull("test/tiny")
        XCTAssertEqual(hub!.requests.count, before + 1)
    }

    func testADroppedConnectionIsResumedWithARange() throws {
        var plan = plan()
        plan.dropOnce = ["unet/diffusion_pytorch_model.safetensors"]
        let snapshot = try pull(plan)
        let requests = try XCTUnwrap(hub?.requests).filter { $0.contains("unet/diffusion_pytorch_model.safetensors") }
        XCTAssertEqual(requests.count, 2, "\(requests)")
        XCTAssertTrue(requests[1].contains("|bytes="), "\(requests)")
        XCTAssertFalse(requests[1].contains("|bytes=0-"), "\(requests)")
        let blob = snapshot.appendingPathComponent("unet/diffusion_pytorch_model.safetensors").resolvingSymlinksInPath()
        XCTAssertEqual(try SHA256.hexDigest(ofFile: blob), try sha256("unet/diffusion_pytorch_model.safetensors"))
        XCTAssertEqual(leftovers(), [])
    }

    func testACorruptedFileIsFetchedAgain() throws {
        var plan = plan()
        plan.corruptOnce = ["vae/diffusion_pytorch_model.safetensors"]
        let snapshot = try pull(plan)
        XCTAssertEqual(try XCTUnwrap(hub?.requests).filter { $0.contains("vae/diffusion_pytorch_model.safetensors") }.count, 2)
        let blob = snapshot.appendingPathComponent("vae/diffusion_pytorch_model.safetensors").resolvingSymlinksInPath()
        XCTAssertEqual(try SHA256.hexDigest(ofFile: blob), try sha256("vae/diffusion_pytorch_model.safetensors"))
    }

    func testAFileCorruptEveryTimeIsRefusedAndNothingLooksComplete() throws {
        var plan = plan()
        plan.corruptAlways = ["vae/diffusion_pytorch_model.safetensors"]
        let expected = try sha256("vae/diffusion_pytorch_model.safetensors")
        XCTAssertThrowsError(try pull(plan)) { error in
            guard case .corrupted(let path, let want, _)? = error as? HubDownloader.Failure else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "vae/diffusion_pytorch_model.safetensors")
            XCTAssertEqual(want, expected)
            XCTAssertTrue("\(error)".contains("sha256"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: repository.appendingPathComponent("blobs/\(expected)").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: repository.appendingPathComponent("refs/main").path))
        XCTAssertEqual(leftovers(), [])
        XCTAssertNil(try? FileManager.default.destinationOfSymbolicLink(
            atPath: repository.appendingPathComponent("snapshots/\(commit)/vae/diffusion_pytorch_model.safetensors").path))
    }

    func testWithoutTheTokenTheListingSaysHFTokenIsNeeded() throws {
        XCTAssertThrowsError(try pull(plan(), token: nil)) { error in
            XCTAssertTrue("\(error)".contains("HF_TOKEN"), "\(error)")
        }
    }

    func testTheProgressLine() {
        let line = PullCommand.line(.init(file: "unet/x.safetensors", index: 3, count: 11, bytes: 1_720_000_000, total: 2_820_000_000))
        XCTAssertTrue(line.hasPrefix("[3/11] unet/x.safetensors ████████████░░░░░░░░ 60% 1.72 GB / 2.82 GB"), line)
        XCTAssertEqual(HubDownloader.endpoint(environment: ["HF_ENDPOINT": "http://127.0.0.1:9/"]).absoluteString, "http://127.0.0.1:9")
        XCTAssertEqual(HubDownloader.endpoint(environment: [:]).absoluteString, "https://huggingface.co")
    }
}
