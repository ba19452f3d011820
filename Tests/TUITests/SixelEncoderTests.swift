import XCTest
@testable import TUI

final class SixelEncoderTests: XCTestCase {
    /// A gradient frame shifted by `phase`, so frames differ but share colours.
    private func frame(_ phase: Int, size: Int = 64) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<size {
            for x in 0..<size {
                pixels += [UInt8((x * 4 + phase) & 0xFF), UInt8((y * 4) & 0xFF), UInt8((x + y + phase) & 0xFF)]
            }
        }
        return RGBImage(width: size, height: size, pixels: pixels)!
    }

    func testProducesACompleteDCSSequence() throws {
        let encoder = try SixelEncoder(palettePictures: [frame(0)], maxColors: 64)
        let bytes = try encoder.encode(frame(0))
        XCTAssertEqual(Array(bytes.prefix(2)), [0x1B, UInt8(ascii: "P")], "starts with ESC P")
        let introducer = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "q")))
        XCTAssertTrue(bytes[2..<introducer].allSatisfy { (0x30...0x3B).contains($0) }, "only parameters before q")
        XCTAssertEqual(Array(bytes.suffix(2)), [0x1B, UInt8(ascii: "\\")], "ends with ST")
        XCTAssertLessThanOrEqual(encoder.colorCount, 64)
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("\"1;1;64;64"), "raster attributes give the size")
    }

    func testEveryFrameCarriesTheSamePalette() throws {
        let frames = (0..<4).map { frame($0 * 40) }
        let encoder = try SixelEncoder(palettePictures: frames, maxColors: 32)
        let palettes = try frames.map { try paletteSection(encoder.encode($0)) }
        XCTAssertFalse(palettes[0].isEmpty)
        XCTAssertEqual(Set(palettes).count, 1, "one palette for the whole clip")
        let bodies = try frames.map { try encoder.encode($0) }
        XCTAssertNotEqual(bodies[0], bodies[1], "the pictures themselves differ")
    }

    func testNoPicturesIsATypedError() {
        XCTAssertThrowsError(try SixelEncoder(palettePictures: [])) { XCTAssertEqual($0 as? SixelError, .noPictures) }
    }

    /// The `#n;2;r;g;b` colour definitions, in order.
    private func paletteSection(_ bytes: [UInt8]) throws -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "#").compactMap { part in
            let fields = part.prefix { $0 != "$" && $0 != "-" && !("?"..."~").contains($0) }
            return fields.split(separator: ";").count == 5 ? String(fields) : nil
        }
    }
}
