import Foundation
import XCTest
@testable import Engine

final class MappedFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("mapped")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testMapsContents() throws {
        let url = folder.appendingPathComponent("bytes.bin")
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try Data(bytes).write(to: url)
        let file = try MappedFile(url: url)
        XCTAssertEqual(file.size, bytes.count)
        XCTAssertEqual(Array(UnsafeRawBufferPointer(start: file.base, count: file.size)), bytes)
    }

    func testReleasedPagesReadBackUnchanged() throws {
        let url = folder.appendingPathComponent("pages.bin")
        let bytes = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try Data(bytes).write(to: url)
        let file = try MappedFile(url: url)
        XCTAssertEqual(file.base.load(fromByteOffset: 20_000, as: UInt8.self), bytes[20_000])
        file.release(0..<40_000)
        XCTAssertEqual(Array(UnsafeRawBufferPointer(start: file.base, count: file.size)), bytes)
    }

    func testMissingFile() {
        let url = folder.appendingPathComponent("absent.safetensors")
        assertThrowsWeightError(try MappedFile(url: url), .fileMissing(url), mentions: ["absent.safetensors"])
    }

    func testMissingParentFolder() {
        let url = folder.appendingPathComponent("no/such/dir/x.safetensors")
        assertThrowsWeightError(try MappedFile(url: url), .fileMissing(url), mentions: ["no/such/dir/x.safetensors"])
    }

    func testEmptyFile() throws {
        let url = folder.appendingPathComponent("empty.safetensors")
        try Data().write(to: url)
        assertThrowsWeightError(try MappedFile(url: url), .emptyFile(url), mentions: ["empty.safetensors"])
    }

    func testDirectoryIsUnreadable() {
        assertThrowsWeightError(try MappedFile(url: folder), .unreadable(folder, reason: "it is a directory"),
                                mentions: [folder.lastPathComponent, "directory"])
    }

    func testPermissionDenied() throws {
        guard getuid() != 0 else { throw XCTSkip("root reads files regardless of permissions") }
        let url = folder.appendingPathComponent("locked.safetensors")
        try Data([1, 2, 3]).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: url.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path) }
        XCTAssertThrowsError(try MappedFile(url: url)) { error in
            guard case .unreadable(url, let reason)? = error as? WeightError else { return XCTFail("got \(error)") }
            XCTAssertTrue(reason.lowercased().contains("permission"), reason)
        }
    }
}
