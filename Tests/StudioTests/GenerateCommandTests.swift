import XCTest
@testable import Studio

/// `studio generate` in-process on the bundled demo model (tiny: 2 frames, 2 steps).
final class GenerateCommandTests: XCTestCase {
    private var folder: URL!
    private var home: TemporaryDataHome!

    override func setUpWithError() throws {
        home = try TemporaryDataHome()
        folder = home.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        home.restore()
    }

    private func run(_ arguments: [String]) throws {
        let command = try GenerateCommand.parse(arguments)
        try command.validate()
        try command.run()
    }

    func testFromReproducesTheClipExactly() throws {
        let common = ["--steps", "2", "--frames", "2", "--guidance", "7.5", "--scheduler", "dpm++"]
        try run(["--prompt", "a red circle moving left", "--seed", "12", "--output", folder.appendingPathComponent("a.mp4").path] + common)
        try run(["--from", folder.appendingPathComponent("a.mp4").path, "--output", folder.appendingPathComponent("again.npy").path])
        try run(["--prompt", "a red circle moving left", "--seed", "12", "--output", folder.appendingPathComponent("direct.npy").path] + common)
        let again = try Data(contentsOf: folder.appendingPathComponent("again.npy"))
        let direct = try Data(contentsOf: folder.appendingPathComponent("direct.npy"))
        XCTAssertGreaterThan(again.count, 128)
        XCTAssertEqual(again, direct)
        // An option beside --from overrides the stored value: another seed gives other frames.
        try run(["--from", folder.appendingPathComponent("a.json").path, "--seed", "13", "--output", folder.appendingPathComponent("other.npy").path])
        XCTAssertNotEqual(try Data(contentsOf: folder.appendingPathComponent("other.npy")), direct)
    }

    func testRecordsInTheHistoryWithTheWeightsHashAndRemakesAnEntryExactly() throws {
        let common = ["--steps", "1", "--frames", "2", "--width", "32", "--height", "32", "--seed", "5"]
        try run(["--prompt", "a blue square", "--output", folder.appendingPathComponent("first.npy").path] + common)
        let store = try HistoryStore()
        let entry = try XCTUnwrap(try store.entries().first)
        XCTAssertEqual(try store.entries().count, 1)
        XCTAssertEqual(entry.prompt, "a blue square")
        XCTAssertEqual(entry.modelName, "demo")
        let hash = try XCTUnwrap(entry.modelWeightsHash)
        XCTAssertTrue(hash.hasPrefix("sha256:"), hash)
        XCTAssertEqual(store.missingFiles(of: entry), [])
        try run(["--from", "#\(entry.id!)", "--output", folder.appendingPathComponent("again.npy").path, "--no-history"])
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("again.npy")),
                       try Data(contentsOf: folder.appendingPathComponent("first.npy")))
        XCTAssertEqual(try store.entries().count, 1, "--no-history records nothing")
        XCTAssertThrowsError(try run(["--from", "999", "--output", folder.appendingPathComponent("x.npy").path])) {
            XCTAssertTrue("\($0)".contains("no history entry #999"), "\($0)")
        }
    }

    func testPromptOrFromIsRequired() {
        XCTAssertThrowsError(try GenerateCommand.parse(["--output", "x.npy"]).validate())
    }

    func testFromAFileWithoutSettingsFailsClearly() throws {
        let bogus = folder.appendingPathComponent("nothing.json")
        try Data("{}".utf8).write(to: bogus)
        XCTAssertThrowsError(try run(["--from", bogus.path, "--output", folder.appendingPathComponent("x.npy").path])) {
            XCTAssertTrue("\($0)".contains("--from"), "\($0)")
        }
    }
}
