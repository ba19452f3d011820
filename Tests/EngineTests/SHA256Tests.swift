import Foundation
import XCTest
@testable import Engine

/// FIPS 180-4 / NIST example vectors, and agreement across ways of feeding the same bytes.
final class SHA256Tests: XCTestCase {
    private func digest(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        return SHA256.hex(hasher.finalize())
    }

    func testKnownVectors() {
        XCTAssertEqual(digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(digest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        var million = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { million.update(chunk) }
        XCTAssertEqual(SHA256.hex(million.finalize()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testPiecesOfAnySizeGiveTheSameDigest() throws {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = SHA256()
        whole.update(bytes)
        let expected = SHA256.hex(whole.finalize())
        for step in [1, 3, 63, 64, 65, 200] {
            var pieces = SHA256()
            for start in stride(from: 0, to: bytes.count, by: step) { pieces.update(bytes[start..<min(start + step, bytes.count)]) }
            XCTAssertEqual(SHA256.hex(pieces.finalize()), expected, "step \(step)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertEqual(try SHA256.hexDigest(ofFile: file), expected)
    }
}
