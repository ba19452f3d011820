import Foundation
import XCTest
@testable import Engine

/// The kernel hints must never change memory contents, whatever the kernel does with them.
final class PageAdviceTests: XCTestCase {
    func testPreparingWrittenMemoryKeepsItsContents() {
        let count = 3 << 20                                  // 12 MB of floats, above the threshold
        let storage = TensorStorage(uninitializedCount: count)
        for index in stride(from: 0, to: count, by: 997) { storage.base[index] = Float(index) }
        PageAdvice.prepareForWriting(storage.base, byteCount: count * 4)
        for index in stride(from: 0, to: count, by: 997) { XCTAssertEqual(storage.base[index], Float(index)) }
    }

    func testPrefaultAndReleaseKeepFileContents() throws {
        let folder = try SafeTensorsFixture.makeTemporaryFolder("advice")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("pages.bin")
        // An odd-sized block repeated, so no two pages hold the same bytes at the same place.
        let block = (0..<4099).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
        var bytes: [UInt8] = []
        for _ in 0..<1280 { bytes += block }
        try Data(bytes).write(to: url)
        let file = try MappedFile(url: url)
        file.prefault(100..<file.size)
        file.release(4096..<(4 << 20))
        file.prefault(0..<(file.size + 10_000))               // ranges are clamped to the file
        XCTAssertEqual(file.size, bytes.count)
        XCTAssertEqual(memcmp(file.base, bytes, bytes.count), 0)
    }
}
