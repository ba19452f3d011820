import Foundation
import XCTest
@testable import Engine

/// Writes safetensors files for tests: well-formed ones from entries, or raw headers that lie.
/// Shared by the weights tests (and usable by other modules' tests that need a small checkpoint).
enum SafeTensorsFixture {
    struct Entry {
        var name: String
        var dtype: String
        var shape: [Int]
        var bytes: [UInt8]

        static func f32(_ name: String, _ shape: [Int], _ values: [Float]) -> Entry {
            Entry(name: name, dtype: "F32", shape: shape, bytes: littleEndianBytes(values.map(\.bitPattern)))
        }
        static func f16(_ name: String, _ shape: [Int], bits: [UInt16]) -> Entry {
            Entry(name: name, dtype: "F16", shape: shape, bytes: littleEndianBytes(bits))
        }
        static func bf16(_ name: String, _ shape: [Int], bits: [UInt16]) -> Entry {
            Entry(name: name, dtype: "BF16", shape: shape, bytes: littleEndianBytes(bits))
        }
        static func i64(_ name: String, _ shape: [Int], _ values: [Int64]) -> Entry {
            Entry(name: name, dtype: "I64", shape: shape, bytes: littleEndianBytes(values.map { UInt64(bitPattern: $0) }))
        }
    }

    /// Writes `entries` back to back in the given order. The header is padded with spaces so the data
    /// starts 8-byte aligned (as the reference writer does), or deliberately 1 byte past that when
    /// `misalignData` is set, to exercise the copying path for unaligned F32 data.
    @discardableResult
    static func write(_ entries: [Entry], metadata: [String: String]? = nil, misalignData: Bool = false, to url: URL) throws -> URL {
        var fields: [String] = []
        if let metadata {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        var data: [UInt8] = []
        for entry in entries {
            let end = offset + entry.bytes.count
            fields.append("\(quoted(entry.name)):{\"dtype\":\(quoted(entry.dtype)),\"shape\":\(entry.shape),\"data_offsets\":[\(offset),\(end)]}")
            data += entry.bytes
            offset = end
        }
        var header = "{\(fields.joined(separator: ","))}"
        while (8 + header.utf8.count) % 8 != (misalignData ? 1 : 0) { header += " " }
        return try writeRaw(header: header, data: data, to: url)
    }

    /// Writes the 8-byte length (the header's own unless `declaredLength` lies), the header and data.
    @discardableResult
    static func writeRaw(header: String, data: [UInt8], declaredLength: UInt64? = nil, to url: URL) throws -> URL {
        return try writeRaw(headerBytes: Array(header.utf8), data: data, declaredLength: declaredLength, to: url)
    }

    @discardableResult
    static func writeRaw(headerBytes: [UInt8], data: [UInt8], declaredLength: UInt64? = nil, to url: URL) throws -> URL {
        var bytes = littleEndianBytes([declaredLength ?? UInt64(headerBytes.count)])
        bytes += headerBytes
        bytes += data
        try Data(bytes).write(to: url)
        return url
    }

    static func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    static func quoted(_ text: String) -> String {
        String(data: try! JSONEncoder().encode(text), encoding: .utf8)!
    }

    /// A fresh folder under the system temporary directory; the caller removes it.
    static func makeTemporaryFolder(_ label: String = "weights") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("studio-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Asserts that `expression` throws exactly `expected`, and that the error's description is one line
/// mentioning each of `mentions` (the file name, the tensor…).
func assertThrowsWeightError<T>(
    _ expression: @autoclosure () throws -> T, _ expected: WeightError, mentions: [String],
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try expression()
        XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
    } catch let error as WeightError {
        XCTAssertEqual(error, expected, file: file, line: line)
        let text = error.description
        XCTAssertFalse(text.contains("\n"), "description spans lines: \(text)", file: file, line: line)
        for mention in mentions {
            XCTAssertTrue(text.contains(mention), "'\(text)' does not mention '\(mention)'", file: file, line: line)
        }
    } catch {
        XCTFail("expected WeightError \(expected), got \(error)", file: file, line: line)
    }
}
