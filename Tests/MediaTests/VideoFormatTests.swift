import XCTest
@testable import Media
import Engine

final class VideoFormatTests: XCTestCase {
    func testExtensionChoosesTheFormat() {
        XCTAssertEqual(VideoFormat(path: "/x/clip.mp4"), .mp4)
        XCTAssertEqual(VideoFormat(path: "clip.WEBM"), .webm)
        XCTAssertEqual(VideoFormat(path: "a.b.gif"), .gif)
        XCTAssertNil(VideoFormat(path: "clip.npy"))
        XCTAssertNil(VideoFormat(path: "folder"))
    }

    func testEncodersAndMetadataSupport() {
        XCTAssertEqual(VideoFormat.mp4.encoderName, "libx264")
        XCTAssertEqual(VideoFormat.webm.encoderName, "libvpx-vp9")
        XCTAssertEqual(VideoFormat.gif.encoderName, "gif")
        XCTAssertTrue(VideoFormat.mp4.carriesMetadata)
        XCTAssertFalse(VideoFormat.gif.carriesMetadata)
    }
}
