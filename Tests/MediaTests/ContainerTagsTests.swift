import XCTest
@testable import Media
import Engine

final class ContainerTagsTests: XCTestCase {
    func testTagsCarryTheWholeMetadataAndASummary() throws {
        let metadata = ClipEncoderTests.metadata()
        let tags = ContainerTags.tags(for: metadata)
        XCTAssertEqual(try ContainerTags.metadata(in: tags, source: "t"), metadata)
        let summary = try XCTUnwrap(tags["description"])
        XCTAssertTrue(summary.hasPrefix(metadata.settings.prompt + " — "))
        for part in ["seed 12345678901", "25 steps", "guidance 7.5", "dpm++", "8 frames 64×48", "not: blur",
                     "model text-to-video-ms-1.7b", "studio 9.8.7"] {
            XCTAssertTrue(summary.contains(part), "\(part) missing from \(summary)")
        }
    }

    func testForeignCommentsAreNotStudioMetadata() throws {
        XCTAssertNil(try ContainerTags.metadata(in: [:], source: "t"))
        XCTAssertNil(try ContainerTags.metadata(in: ["comment": "shot on a phone"], source: "t"))
        XCTAssertThrowsError(try ContainerTags.metadata(in: ["comment": "{\"studio_version\": 3}"], source: "t"))
    }
}
