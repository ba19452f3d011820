import Foundation
import XCTest
@testable import Engine

final class GzipTests: XCTestCase {
    /// Python's gzip wrote the fixture with dynamic-Huffman blocks; its text is known line for line.
    func testDecompressesWhatPythonsGzipWrote() throws {
        let packed = try Data(contentsOf: Fixtures.root.appendingPathComponent("openclip/bpe_simple_vocab_16e6.txt.gz"))
        let text = String(decoding: try Gzip.decompress([UInt8](packed)), as: UTF8.self)
        let merges = try String(contentsOf: Fixtures.root.appendingPathComponent("tokenizer/merges.txt"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        let expected = ["\"bpe_simple_vocab_16e6.txt#version: 0.2"] + merges.map(String.init) + ["zz yzx", "qq zz</w>"]
        XCTAssertEqual(text, expected.joined(separator: "\n") + "\n")
    }

    func testStoredBlocksAndAFileName() throws {
        let payload = Array("stored, not compressed".utf8)
        let length = UInt16(payload.count)
        var bytes: [UInt8] = [0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3] + Array("a.txt".utf8) + [0]
        bytes += [0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + payload
        bytes += [UInt8](repeating: 0, count: 8)
        XCTAssertEqual(try Gzip.decompress(bytes), payload)
    }

    func testDamagedInputIsAnErrorNotACrash() throws {
        XCTAssertThrowsError(try Gzip.decompress(Array("plain text, long enough".utf8)))
        let packed = [UInt8](try Data(contentsOf: Fixtures.root.appendingPathComponent("openclip/bpe_simple_vocab_16e6.txt.gz")))
        XCTAssertThrowsError(try Gzip.decompress(Array(packed.prefix(200)))) { error in
            XCTAssertTrue("\(error)".contains("gzip"), "\(error)")
        }
    }
}
