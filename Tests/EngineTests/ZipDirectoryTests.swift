import Foundation
import XCTest
@testable import Engine

final class ZipDirectoryTests: XCTestCase {
    func testListsStoredEntriesAndTheirBytes() throws {
        let url = Fixtures.root.appendingPathComponent("torch/views.pth")
        let mapping = try MappedFile(url: url)
        let bytes = UnsafeRawBufferPointer(start: mapping.base, count: mapping.size)
        let directory = try ZipDirectory(url: url, bytes: bytes)
        XCTAssertEqual(Set(directory.entries.keys), ["views/data.pkl", "views/byteorder", "views/data/0", "views/data/1",
                                                     "views/data/2", "views/version"])
        let order = try directory.range(of: "views/byteorder")
        XCTAssertEqual(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[order]), as: UTF8.self), "little")
        XCTAssertEqual(try directory.range(of: "views/data/0").count, 48)
        XCTAssertThrowsError(try directory.range(of: "views/data/9")) { error in
            guard case .badArchive(_, let reason)? = error as? WeightError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("views/data/9"))
        }
    }

    func testCompressedEntriesAreRefused() throws {
        // A one-entry archive whose directory entry says deflate (method 8); the directory decides.
        let local: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 22) + [1, 0, 0, 0] + Array("a".utf8) + [0x41]
        let central: [UInt8] = [0x50, 0x4B, 0x01, 0x02, 20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] + Array("a".utf8)
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0] + le32(central.count) + le32(local.count) + [0, 0]
        let archive = local + central + end
        try archive.withUnsafeBytes { bytes in
            let directory = try ZipDirectory(url: URL(fileURLWithPath: "/x.zip"), bytes: bytes)
            XCTAssertEqual(directory.entries["a"]?.method, 8)
            XCTAssertThrowsError(try directory.range(of: "a")) { error in
                guard case .badArchive(_, let reason)? = error as? WeightError else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.contains("compressed"))
            }
        }
    }

    private func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
