import Engine
import Foundation
import XCTest
@testable import Studio

final class HistoryStoreTests: XCTestCase {
    private var home: TemporaryDataHome!

    override func setUpWithError() throws { home = try TemporaryDataHome() }
    override func tearDown() { home.restore() }

    private func stagingFolders(_ store: HistoryStore) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.clips.root.path).filter { $0.hasSuffix(ClipFolder.stagingSuffix) }
    }

    func testRecordsInWALWithCompleteFilesAndReadsTheClipBack() throws {
        let store = try HistoryStore()
        XCTAssertEqual(store.databaseURL, home.studioFolder.appendingPathComponent("history.sqlite"))
        let clip = TemporaryDataHome.clip(seed: 12_345_678_901_234)
        let entry = try store.record(clip, modelName: "demo", modelWeightsHash: "sha256:0123456789abcdef")
        XCTAssertNotNil(entry.id)
        XCTAssertEqual(store.missingFiles(of: entry), [])
        XCTAssertEqual(entry.settings.seed, 12_345_678_901_234)
        XCTAssertEqual([entry.width, entry.height, entry.frames], [32, 24, 4])
        XCTAssertEqual(entry.seconds, 1.25)
        let stored = try HistoryStore().entry(id: try XCTUnwrap(entry.id))
        XCTAssertEqual(stored.metadata.modelWeightsHash, "sha256:0123456789abcdef")
        XCTAssertEqual(stored.settings.negativePrompt, "blur")
        XCTAssertEqual(try store.clip(of: stored).frames.scalars, clip.frames.scalars)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.databaseURL.path + "-wal"), "journal_mode is WAL")
        XCTAssertEqual(try stagingFolders(store), [])
        let thumbnail = try Data(contentsOf: store.folderURL(of: stored).appendingPathComponent(stored.thumbnail))
        XCTAssertEqual(Array(thumbnail.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    func testListsNewestFirstSearchesAndDeletes() throws {
        let store = try HistoryStore()
        let fox = try store.record(TemporaryDataHome.clip(prompt: "A red fox", seed: 1), modelName: "demo", modelWeightsHash: nil)
        let cat = try store.record(TemporaryDataHome.clip(prompt: "a cat 100% asleep", seed: 2), modelName: "demo", modelWeightsHash: nil)
        let owl = try store.record(TemporaryDataHome.clip(prompt: "an owl", seed: 3), modelName: "demo", modelWeightsHash: nil)
        XCTAssertEqual(try store.entries().map(\.id), [owl.id, cat.id, fox.id])
        XCTAssertEqual(try store.entries(matching: "FOX").map(\.id), [fox.id])
        XCTAssertEqual(try store.entries(matching: "100%").map(\.id), [cat.id], "% is a literal, not a wildcard")
        XCTAssertEqual(try store.entries(matching: "blur").count, 3, "the negative prompt is searched too")
        XCTAssertEqual(try store.entries(limit: 1).map(\.id), [owl.id])
        let folder = store.folderURL(of: cat)
        XCTAssertTrue(try store.delete(id: XCTUnwrap(cat.id)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
        XCTAssertFalse(try store.delete(id: XCTUnwrap(cat.id)))
        XCTAssertThrowsError(try store.entry(id: XCTUnwrap(cat.id))) {
            XCTAssertEqual($0 as? HistoryError, .noSuchEntry(id: cat.id!))
        }
        XCTAssertEqual(try store.entries().map(\.id), [owl.id, fox.id])
    }

    func testAbandonedFoldersAreTakenBackOrRemovedOnlyWhenOld() throws {
        let store = try HistoryStore()
        // What a crash leaves: a whole folder renamed into place without its row, and a half-filled staging folder.
        let orphan = try store.clips.save(TemporaryDataHome.clip(prompt: "orphan"), jobID: 1, model: "demo")
        let staging = store.clips.root.appendingPathComponent(".half\(ClipFolder.stagingSuffix)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        // A clip saved before the history existed (older settings.json format) is left alone.
        let legacy = store.clips.root.appendingPathComponent("legacy")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        try Data(#"{"prompt": "old", "seed": 1, "model": "demo"}"#.utf8).write(to: legacy.appendingPathComponent("settings.json"))

        XCTAssertEqual(try HistoryStore().entries(), [], "young folders may be another process's clip about to commit")
        XCTAssertEqual(try stagingFolders(store), [staging.lastPathComponent])

        let adopted = try HistoryStore(folder: home.studioFolder, abandonedAfter: 0).entries()
        XCTAssertEqual(adopted.map(\.prompt), ["orphan"])
        XCTAssertEqual(adopted.first?.folder, orphan.lastPathComponent)
        XCTAssertEqual(try stagingFolders(store), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: legacy.path))
    }

    func testUnopenableFolderIsOneClearError() throws {
        let file = home.url.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try HistoryStore(folder: file.appendingPathComponent("studio"))) { error in
            guard case HistoryError.cannotOpen(let path, _)? = error as? HistoryError else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("not-a-folder/studio/history.sqlite"), path)
        }
    }

    /// A child process records clips in a loop and is killed with SIGKILL at a random moment, several times;
    /// afterwards the database passes SQLite's integrity check and every row's files are whole.
    func testKillingAWriterMidWayLeavesAConsistentHistory() throws {
        let studio = try TmuxHarness.studioBinary()
        for round in 0..<4 {
            let child = Process()
            child.executableURL = studio
            child.arguments = ["history", "fill-for-tests", "--count", "100000"]
            child.environment = ProcessInfo.processInfo.environment.merging(["XDG_DATA_HOME": home.url.path]) { $1 }
            let output = Pipe()
            child.standardOutput = output
            try child.run()
            // Wait for the first finished write, then let it run into the middle of later ones.
            _ = output.fileHandleForReading.availableData
            usleep(UInt32.random(in: 20_000...150_000) + UInt32(round) * 10_000)
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        }
        for abandonedAfter in [HistoryStore.abandonedAfter, 0] {
            let store = try HistoryStore(folder: home.studioFolder, abandonedAfter: abandonedAfter)
            XCTAssertEqual(try store.integrityCheck(), "ok")
            let entries = try store.entries()
            XCTAssertGreaterThanOrEqual(entries.count, 4)
            for entry in entries {
                XCTAssertEqual(store.missingFiles(of: entry), [], "entry #\(entry.id ?? 0) in \(entry.folder)")
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.studioFolder.appendingPathComponent("clips").path)
            .filter { $0.hasPrefix(".") }, [], "staging folders of killed writes are removed once abandoned")
    }
}
