import XCTest
@testable import Media
import Engine

final class FFmpegInfoTests: XCTestCase {
    func testReportsEveryLibraryAndExportEncoder() {
        let info = FFmpegInfo.current()
        XCTAssertEqual(info.libraries.map(\.name), ["libavformat", "libavcodec", "libavutil", "libswscale", "libavfilter"])
        for library in info.libraries {
            XCTAssertEqual(library.version.split(separator: ".").count, 3, library.version)
            XCTAssertNotEqual(library.version, "0.0.0")
        }
        XCTAssertEqual(info.encoders.map(\.name), FFmpegInfo.exportEncoders)
        XCTAssertTrue(info.encoders.first { $0.name == "png" }?.available ?? false, "libavcodec always has png")
    }

    func testUnknownEncoderIsAbsent() {
        XCTAssertFalse(FFmpegInfo.hasEncoder("no-such-encoder"))
    }

    func testVersionUnpacking() {
        XCTAssertEqual(FFmpegInfo.unpack(59 << 16 | 37 << 8 | 100), "59.37.100")
    }
}
