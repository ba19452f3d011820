import XCTest
@testable import TUI

final class ClipPainterTests: XCTestCase {
    private let frames = (0..<3).map { f in
        RGBImage(width: 32, height: 32, pixels: (0..<(32 * 32 * 3)).map { UInt8(($0 * 7 + f * 50) & 0xFF) })!
    }

    func testBlocksAreCentredInTheArea() {
        let painter = ClipPainter()
        let area = Rect(x: 10, y: 2, width: 40, height: 10)
        let image = painter.image(clipKey: 1, frames: frames, index: 0, target: .init(mode: .blocks, area: area, cellPixels: nil))
        guard case .halfBlocks(let cells, let origin)? = image else { return XCTFail("expected half blocks") }
        XCTAssertEqual(cells.columns, 20)
        XCTAssertEqual(cells.rows, 10)
        XCTAssertEqual(origin, CellPosition(row: 2, column: 20))
    }

    func testSixelStaysInsideTheAreaAndIsCachedPerFrame() throws {
        let painter = ClipPainter()
        let area = Rect(x: 5, y: 1, width: 30, height: 12)
        let target = ClipPainter.Target(mode: .sixel, area: area,
                                        cellPixels: CellPixelSize(width: 9, height: 17, source: .cellQuery))
        let image = try XCTUnwrap(painter.image(clipKey: "clip", frames: frames, index: 1, target: target))
        guard case .sixel(let picture) = image else { return XCTFail("expected sixel") }
        XCTAssertGreaterThanOrEqual(picture.area.y, area.y)
        XCTAssertLessThanOrEqual(picture.area.maxY, area.maxY, "12 rows × 17 px = 204 px: the picture is 204 px tall")
        XCTAssertLessThanOrEqual(picture.area.maxX, area.maxX)
        XCTAssertTrue(String(decoding: picture.bytes, as: UTF8.self).contains("\"1;1;204;204"))
        let again = painter.image(clipKey: "clip", frames: frames, index: 1, target: target)
        XCTAssertEqual(again, image)
        XCTAssertNil(painter.lastError)
    }

    func testNoneDrawsNothing() {
        let painter = ClipPainter()
        XCTAssertNil(painter.image(clipKey: 1, frames: frames, index: 0,
                                   target: .init(mode: .none, area: Rect(x: 0, y: 0, width: 10, height: 10), cellPixels: nil)))
        XCTAssertNil(painter.image(clipKey: 1, frames: frames, index: 7,
                                   target: .init(mode: .blocks, area: Rect(x: 0, y: 0, width: 10, height: 10), cellPixels: nil)))
    }
}

/// The sixel path as the studio uses it, checked by decoding its bytes with libsixel's decoder.
final class ClipPainterSixelRoundTripTests: XCTestCase {
    /// A 32 × 10 cell pane of 10 × 20 px cells: 320 × 200 px, so a square frame becomes 200 × 200.
    private let target = ClipPainter.Target(mode: .sixel, area: Rect(x: 2, y: 1, width: 32, height: 10),
                                            cellPixels: CellPixelSize(width: 10, height: 20, source: .cellQuery))

    private func decodedPicture(_ frames: [RGBImage], target: ClipPainter.Target) throws -> (SixelPicture, RGBImage) {
        let image = try XCTUnwrap(ClipPainter().image(clipKey: 1, frames: frames, index: 0, target: target))
        guard case .sixel(let picture) = image else { throw XCTSkip("expected a sixel picture") }
        return (picture, try SixelDecoder.decode(picture.bytes))
    }

    func testDecodedFrameIsCloseToTheSourceAtThePaneSize() throws {
        let frames = (0..<4).map { TestCard.make(phase: $0) }
        let (_, decoded) = try decodedPicture(frames, target: target)
        XCTAssertEqual(decoded.width, 200)
        XCTAssertEqual(decoded.height, 200)
        let reference = ImageScaler.scale(frames[0], toWidth: 200, height: 200)
        let psnr = TestCard.psnr(reference, decoded)
        XCTAssertGreaterThanOrEqual(psnr, 30, "PSNR \(psnr) dB")
    }

    func testPaletteFollowsTheTerminalsColourRegisters() throws {
        var small = target
        small.colorRegisters = 16
        let (picture, decoded) = try decodedPicture([TestCard.make()], target: small)
        let text = String(decoding: picture.bytes, as: UTF8.self)
        let definitions = text.split(separator: "#").filter { $0.split(separator: ";").count >= 5 }
        XCTAssertLessThanOrEqual(definitions.count, 16, "no more colour registers than the terminal has")
        XCTAssertLessThanOrEqual(Set(decoded.pixels.chunked3()).count, 16)
        let full = try decodedPicture([TestCard.make()], target: target).1
        XCTAssertGreaterThan(Set(full.pixels.chunked3()).count, 16, "256 registers give a finer palette")
    }

    func testPictureIsCappedByTheReportedMaximumGeometry() throws {
        var capped = target
        capped.maxPixels = ProbeReplies.PixelSize(width: 300, height: 120)
        let (picture, decoded) = try decodedPicture([TestCard.make()], target: capped)
        XCTAssertEqual(decoded.width, 120)
        XCTAssertEqual(decoded.height, 120)
        XCTAssertEqual(picture.area.height, 6, "120 px of 20 px rows")
    }
}

private extension Array where Element == UInt8 {
    /// Pixels as packed 24-bit values, for counting distinct colours.
    func chunked3() -> [Int] {
        stride(from: 0, to: count - 2, by: 3).map { (i: Int) -> Int in
            let red = Int(self[i]) << 16, green = Int(self[i + 1]) << 8
            return red | green | Int(self[i + 2])
        }
    }
}

/// The studio's mode: sixel frames encoded on a background thread.
final class ClipPainterBackgroundTests: XCTestCase {
    private let target = ClipPainter.Target(mode: .sixel, area: Rect(x: 0, y: 0, width: 20, height: 8),
                                            cellPixels: CellPixelSize(width: 8, height: 16, source: .cellQuery))
    private let frames = (0..<4).map { TestCard.make(width: 64, height: 64, phase: $0) }

    func testFramesArriveFromTheBackgroundAndMatchTheDirectPath() throws {
        let ready = expectation(description: "every frame encoded")
        ready.expectedFulfillmentCount = frames.count
        let painter = ClipPainter(onFrameReady: { ready.fulfill() })
        XCTAssertNil(painter.image(clipKey: 1, frames: frames, index: 2, target: target), "nothing to show yet")
        wait(for: [ready], timeout: 30)
        let direct = ClipPainter()
        for index in frames.indices {
            let background = try XCTUnwrap(painter.image(clipKey: 1, frames: frames, index: index, target: target))
            XCTAssertEqual(background, direct.image(clipKey: 1, frames: frames, index: index, target: target), "frame \(index)")
        }
        XCTAssertNil(painter.lastError)
    }

    func testNextClipShowsThePreviousPictureUntilItsFrameIsReady() throws {
        let first = expectation(description: "first clip encoded")
        first.expectedFulfillmentCount = frames.count
        first.assertForOverFulfill = false
        let painter = ClipPainter(onFrameReady: { first.fulfill() })
        _ = painter.image(clipKey: "a", frames: frames, index: 0, target: target)
        wait(for: [first], timeout: 30)
        let shown = try XCTUnwrap(painter.image(clipKey: "a", frames: frames, index: 0, target: target))
        // A new clip (the next denoising step) keeps the old picture up instead of blanking the pane.
        let next = painter.image(clipKey: "b", frames: Array(frames.reversed()), index: 0, target: target)
        XCTAssertNotNil(next)
        if let next, next != shown {
            XCTAssertEqual(next, ClipPainter().image(clipKey: "b", frames: Array(frames.reversed()), index: 0, target: target),
                           "either the old picture or, if the thread was quick, the new one")
        }
        // A different target (resize) drops it: the old picture's place is wrong there.
        var moved = target
        moved.area = Rect(x: 1, y: 1, width: 20, height: 8)
        XCTAssertNotEqual(painter.image(clipKey: "b", frames: frames, index: 0, target: moved), shown, "never the old place")
    }
}
