import XCTest
@testable import TUI

final class SixelDecoderTests: XCTestCase {
    func testFourColourPictureComesBackBandByBand() throws {
        let colors: [[UInt8]] = [[255, 0, 0], [0, 200, 0], [0, 0, 255], [255, 255, 255]]
        // 8×12 px: four horizontal bands of 3 rows, so bands straddle sixel's 6-row strips.
        var pixels: [UInt8] = []
        for y in 0..<12 { for _ in 0..<8 { pixels += colors[y / 3] } }
        let image = try XCTUnwrap(RGBImage(width: 8, height: 12, pixels: pixels))
        let bytes = try SixelEncoder(palettePictures: [image], maxColors: 4).encode(image)
        let decoded = try SixelDecoder.decode(bytes)
        XCTAssertEqual(decoded.width, 8)
        XCTAssertEqual(decoded.height, 12)
        // Sixel colour registers are percentages, and libsixel's palette stores full channels as 97 % (247):
        // each band is still its own colour, within 3 % of the source.
        for y in 0..<12 {
            let pixel = decoded[3, y], expected = colors[y / 3]
            XCTAssertEqual(Int(pixel.red), Int(expected[0]), accuracy: 8, "row \(y)")
            XCTAssertEqual(Int(pixel.green), Int(expected[1]), accuracy: 8, "row \(y)")
            XCTAssertEqual(Int(pixel.blue), Int(expected[2]), accuracy: 8, "row \(y)")
        }
        XCTAssertEqual(Set((0..<4).map { decoded[0, $0 * 3] }).count, 4)
    }

    func testHandWrittenSixelDecodesToItsColourRegisters() throws {
        // One column of six pixels: register 1 is 100 % red (sixel colours are percentages), `~` sets all six.
        let decoded = try SixelDecoder.decode(Array("\u{1B}Pq\"1;1;1;6#1;2;100;0;0#1~\u{1B}\\".utf8))
        XCTAssertEqual(decoded.width, 1)
        XCTAssertEqual(decoded.height, 6)
        XCTAssertEqual(decoded[0, 5], RGBColor(255, 0, 0))
    }
}
