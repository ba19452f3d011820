import Foundation
import XCTest
@testable import Studio

final class ModelDefaultsTests: XCTestCase {
    func testAZeroscopeFolderSetsAWideFormAndItsFrameCount() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("defaults-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("zeroscope_v2_576w")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            at: folder, withDestinationURL: ModelLocator.repositoryRoot.appendingPathComponent("Tests/Fixtures/checkpoints/zeroscope-tiny"))
        let defaults = ModelDefaults(folder: folder)
        var form = GenerationForm()
        defaults.apply(to: &form)
        XCTAssertEqual(form.width, 576)
        XCTAssertEqual(form.height, 320)
        XCTAssertEqual(form.frames, 24)
        XCTAssertTrue(defaults.isRandomWeights)
    }

    func testASquareModelKeepsItsSampleSize() {
        let defaults = ModelDefaults(folder: ModelLocator.repositoryRoot.appendingPathComponent("Tests/Fixtures/checkpoints/tiny-a"))
        XCTAssertEqual(defaults.size, 16)
        XCTAssertNil(defaults.width)
        var form = GenerationForm()
        defaults.apply(to: &form)
        XCTAssertEqual(form.width, 16)
        XCTAssertEqual(form.height, 16)
    }
}
