import XCTest
@testable import Studio

/// `studio generate` in-process on the bundled demo model (tiny: 2 frames, 2 steps).
final class GenerateCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("generate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func run(_ arguments: [String]) throws {
        var command = try GenerateCommand.parse(arguments)
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
