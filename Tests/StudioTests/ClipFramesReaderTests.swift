import Foundation
import XCTest
@testable import Studio

final class ClipFramesReaderTests: XCTestCase {
    /// A version 1.0 .npy file the way numpy (and the engine's NPYWriter) writes it.
    private func npy(shape: [Int], values: [Float], descr: String = "<f4") -> Data {
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(shape.map(String.init).joined(separator: ", "))), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        data.append(contentsOf: Array(header.utf8))
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    func testReadsFramesAsRoundedBytes() throws {
        // 2 frames of 1×2 pixels.
        let values: [Float] = [0, 0.5, 1, 1.5, -1, 0.25, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
        let frames = try ClipFramesReader.decode(npy(shape: [2, 1, 2, 3], values: values), path: "x/frames.npy")
        XCTAssertEqual(frames.width, 2)
        XCTAssertEqual(frames.height, 1)
        XCTAssertEqual(frames.frames.count, 2)
        XCTAssertEqual(frames.frames[0], [0, 128, 255, 255, 0, 64])
        XCTAssertEqual(frames.frames[1], [26, 51, 77, 102, 128, 153])
    }

    func testRejectsOtherArraysWithTheReason() {
        XCTAssertThrowsError(try ClipFramesReader.decode(npy(shape: [1, 1, 1, 3], values: [0, 0, 0], descr: "<f8"), path: "p")) {
            XCTAssertTrue("\($0)".contains("float32"), "\($0)")
        }
        XCTAssertThrowsError(try ClipFramesReader.decode(npy(shape: [1, 2, 2], values: [0, 0, 0, 0]), path: "p")) {
            XCTAssertTrue("\($0)".contains("(frames, height, width, 3)"), "\($0)")
        }
        XCTAssertThrowsError(try ClipFramesReader.decode(npy(shape: [2, 1, 1, 3], values: [0, 0, 0]), path: "p")) {
            XCTAssertEqual($0 as? ClipFramesError, .truncated(path: "p", expected: 24, found: 12))
        }
        XCTAssertThrowsError(try ClipFramesReader.decode(Data("hello world".utf8), path: "p"))
        XCTAssertThrowsError(try ClipFramesReader.read(folder: "/nonexistent")) {
            XCTAssertEqual($0 as? ClipFramesError, .unreadable(path: "/nonexistent/frames.npy"))
        }
    }
}
