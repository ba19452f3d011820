import Foundation
import XCTest
@testable import Media
import Engine

final class ClipMetadataSourceTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("metadata-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func exportWebM(_ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try ClipEncoder(settings: ExportSettings(format: .webm))
            .write(rgb: ClipEncoderTests.movingSquare(frames: 2, width: 16, height: 16), frames: 2, width: 16, height: 16,
                   metadata: ClipEncoderTests.metadata(frames: 2, width: 16, height: 16), to: url)
        return url
    }

    func testSidecarWinsThenContainerTags() throws {
        let url = try exportWebM("clip.webm")
        let sidecar = folder.appendingPathComponent("clip.json")
        XCTAssertEqual(try ClipMetadataSource.read(describing: url).source, .sidecar(sidecar))
        var edited = try ClipMetadataSource.read(describing: url).metadata
        edited.settings.prompt = "edited by hand"
        try edited.jsonData().write(to: sidecar)
        XCTAssertEqual(try ClipMetadataSource.read(describing: url).metadata.settings.prompt, "edited by hand")
        XCTAssertEqual(try ClipMetadataSource.read(describing: sidecar).metadata.settings.prompt, "edited by hand")

        try FileManager.default.removeItem(at: sidecar)
        let embedded = try ClipMetadataSource.read(describing: url)
        XCTAssertEqual(embedded.source, .containerTags(url))
        XCTAssertEqual(embedded.metadata.settings, ClipEncoderTests.metadata(frames: 2, width: 16, height: 16).settings)
    }

    func testGIFWithoutSidecarAndMissingFilesAreTypedErrors() throws {
        let gif = folder.appendingPathComponent("bare.gif")
        try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(rgb: ClipEncoderTests.movingSquare(frames: 2, width: 8, height: 8), frames: 2, width: 8, height: 8,
                   metadata: nil, to: gif)
        XCTAssertThrowsError(try ClipMetadataSource.read(describing: gif)) { error in
            XCTAssertEqual(error as? MediaError, .noMetadata(path: gif.path))
        }
        let missing = folder.appendingPathComponent("nothing.mp4")
        XCTAssertThrowsError(try ClipMetadataSource.read(describing: missing)) { error in
            guard case MediaError.cannotRead(let path, _)? = error as? MediaError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing.path)
        }
    }
}
