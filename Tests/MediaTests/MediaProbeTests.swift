import Foundation
import XCTest
@testable import Media
import Engine

final class MediaProbeTests: XCTestCase {
    func testNonMediaFileIsACannotReadError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-media-\(UUID().uuidString).mp4")
        try Data("this is not a video".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try MediaProbe.open(url)) { error in
            guard case MediaError.cannotRead(let path, _)? = error as? MediaError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
        }
    }

    func testReadsAGIFWrittenByTheEncoder() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).gif")
        defer { try? FileManager.default.removeItem(at: url) }
        try ClipEncoder(settings: ExportSettings(format: .gif, fps: 5))
            .write(rgb: ClipEncoderTests.movingSquare(frames: 5, width: 10, height: 6), frames: 5, width: 10, height: 6,
                   metadata: nil, to: url)
        let probe = try MediaProbe.open(url)
        XCTAssertEqual(probe.container, "gif")
        XCTAssertEqual([probe.width, probe.height, probe.packets], [10, 6, 5])
        XCTAssertEqual(try XCTUnwrap(probe.duration), 1.0, accuracy: 0.02)
        XCTAssertEqual(try MediaProbe.decodeFrames(url).count, 5)
    }
}
