import XCTest
@testable import TUI

final class ImageScalerTests: XCTestCase {
    func testFitKeepsAspect() {
        XCTAssertTrue(ImageScaler.fit(width: 256, height: 256, into: 460, 500) == (460, 460))
        XCTAssertTrue(ImageScaler.fit(width: 256, height: 128, into: 100, 100) == (100, 50))
        XCTAssertTrue(ImageScaler.fit(width: 128, height: 256, into: 100, 100) == (50, 100))
        XCTAssertTrue(ImageScaler.fit(width: 1024, height: 576, into: 40, 40) == (40, 23))
        XCTAssertTrue(ImageScaler.fit(width: 1, height: 1000, into: 10, 10) == (1, 10), "never below one pixel")
        XCTAssertTrue(ImageScaler.fit(width: 8, height: 8, into: 0, 10) == (0, 0))
    }

    func testShrinkingAveragesBoxes() {
        // 2×2 → 1×1: the mean of four pixels.
        let image = RGBImage(width: 2, height: 2, pixels: [0, 0, 0, 100, 0, 0, 0, 200, 0, 255, 255, 255])!
        let one = ImageScaler.scale(image, toWidth: 1, height: 1)
        XCTAssertEqual(one.pixels, [89, 114, 64])
    }

    func testGrowingRepeatsPixels() {
        let image = RGBImage(width: 2, height: 1, pixels: [10, 20, 30, 40, 50, 60])!
        let grown = ImageScaler.scale(image, toWidth: 4, height: 2)
        let row = [10, 20, 30, 10, 20, 30, 40, 50, 60, 40, 50, 60].map(UInt8.init)
        XCTAssertEqual(grown.pixels, row + row)
    }

    func testSmoothGrowingBlendsNeighbours() {
        // Output centres fall at source x = 0 (clamped), 0.25, 0.75, 1 (clamped): 0, 64, 191, 255.
        let image = RGBImage(width: 2, height: 1, pixels: [0, 0, 0, 255, 255, 255])!
        let grown = ImageScaler.scaleSmooth(image, toWidth: 4, height: 2)
        let row = [0, 64, 191, 255].flatMap { [UInt8($0), UInt8($0), UInt8($0)] }
        XCTAssertEqual(grown.pixels, row + row)
    }

    func testSmoothShrinkingIsTheBoxAverage() {
        let image = RGBImage(width: 2, height: 2, pixels: [0, 0, 0, 100, 0, 0, 0, 200, 0, 255, 255, 255])!
        XCTAssertEqual(ImageScaler.scaleSmooth(image, toWidth: 1, height: 1).pixels, [89, 114, 64])
    }
}
