import Foundation
import XCTest
@testable import Engine

/// Malformed and lying headers, each rejected with the exact error when the file is opened.
final class SafeTensorsHeaderTests: XCTestCase {
    private var folder: URL!
    private var url: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("header")
        url = folder.appendingPathComponent("bad.safetensors")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func entry(_ name: String, _ dtype: String, _ shape: [Int], _ begin: Int, _ end: Int) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
    }

    func testFileShorterThanTheLengthField() throws {
        try Data([1, 2, 3, 4, 5]).write(to: url)
        assertThrowsWeightError(try SafeTensorsFile(url: url), .truncated(url, expected: 8, found: 5), mentions: ["bad.safetensors", "8", "5"])
    }

    func testEmptyFile() throws {
        try Data().write(to: url)
        assertThrowsWeightError(try SafeTensorsFile(url: url), .emptyFile(url), mentions: ["bad.safetensors"])
    }

    func testHeaderLengthLargerThanTheFile() throws {
        let header = "{\(entry("w", "F32", [1], 0, 4))}"
        try SafeTensorsFixture.writeRaw(header: header, data: [0, 0, 0, 0], declaredLength: 10_000, to: url)
        let size = 8 + header.utf8.count + 4
        assertThrowsWeightError(try SafeTensorsFile(url: url), .truncated(url, expected: 10_008, found: size),
                                mentions: ["bad.safetensors", "10008", "\(size)"])
    }

    func testAbsurdHeaderLength() throws {
        try SafeTensorsFixture.writeRaw(header: "{}", data: [], declaredLength: 1 << 40, to: url)
        let error = try XCTUnwrap(openError())
        guard case .badHeader(let location, let reason) = error else { return XCTFail("got \(error)") }
        XCTAssertEqual(location, url)
        XCTAssertTrue(reason.contains("\(1 << 40)"), reason)
    }

    func testInvalidJSON() throws {
        try SafeTensorsFixture.writeRaw(header: "{\"w\": {\"dtype\": \"F32\", ", data: [], to: url)
        let error = try XCTUnwrap(openError())
        guard case .badHeader(let location, let reason) = error else { return XCTFail("got \(error)") }
        XCTAssertEqual(location, url)
        XCTAssertTrue(reason.contains("invalid JSON"), reason)
        XCTAssertTrue(error.description.contains("bad.safetensors"))
        XCTAssertFalse(error.description.contains("\n"))
    }

    func testHeaderThatIsNotAnObject() throws {
        try SafeTensorsFixture.writeRaw(header: "[1, 2]", data: [], to: url)
        guard case .badHeader(url, _)? = openError() else { return XCTFail("expected badHeader") }
    }

    func testInvalidUTF8() throws {
        var header = Array("{\"w\u{e9}\":{}}".utf8)
        header[3] = 0xFF
        try SafeTensorsFixture.writeRaw(headerBytes: header, data: [], to: url)
        XCTAssertEqual(openError(), .badHeader(url, reason: "header is not valid UTF-8"))
    }

    func testMissingFieldNamesTheTensor() throws {
        try SafeTensorsFixture.writeRaw(header: "{\"conv.weight\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], to: url)
        let error = try XCTUnwrap(openError())
        guard case .badHeader(url, let reason) = error else { return XCTFail("got \(error)") }
        XCTAssertTrue(reason.contains("conv.weight") && reason.contains("shape"), reason)
    }

    func testNonIntegerShapeNamesTheTensorAndPosition() throws {
        try SafeTensorsFixture.writeRaw(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[1,\"x\"],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], to: url)
        let error = try XCTUnwrap(openError())
        guard case .badHeader(url, let reason) = error else { return XCTFail("got \(error)") }
        XCTAssertTrue(reason.contains("tensor 'w'") && reason.contains("shape[1]"), reason)
    }

    func testNegativeDimension() throws {
        try SafeTensorsFixture.writeRaw(header: "{\(entry("w", "F32", [-1], 0, 4))}", data: [0, 0, 0, 0], to: url)
        let error = try XCTUnwrap(openError())
        guard case .badHeader(url, let reason) = error else { return XCTFail("got \(error)") }
        XCTAssertTrue(reason.contains("'w'"), reason)
    }

    func testMetadataMustBeStrings() throws {
        try SafeTensorsFixture.writeRaw(header: "{\"__metadata__\":{\"format\":1},\(entry("w", "F32", [1], 0, 4))}", data: [0, 0, 0, 0], to: url)
        let error = try XCTUnwrap(openError())
        guard case .badHeader(url, let reason) = error else { return XCTFail("got \(error)") }
        XCTAssertTrue(reason.contains("__metadata__"), reason)
    }

    func testUnknownDType() throws {
        try SafeTensorsFixture.writeRaw(header: "{\(entry("unet.w", "Q4", [2], 0, 1))}", data: [0], to: url)
        assertThrowsWeightError(try SafeTensorsFile(url: url), .unknownDType(url, tensor: "unet.w", dtype: "Q4"),
                                mentions: ["bad.safetensors", "unet.w", "Q4"])
    }

    func testOffsetsPastTheData() throws {
        try SafeTensorsFixture.writeRaw(header: "{\(entry("w", "F32", [2], 0, 8))}", data: [0, 0, 0, 0], to: url)
        assertThrowsWeightError(try SafeTensorsFile(url: url), .offsetsOutOfRange(url, tensor: "w", begin: 0, end: 8, dataSize: 4),
                                mentions: ["bad.safetensors", "'w'", "[0, 8]", "4 bytes"])
    }

    func testReversedOffsets() throws {
        try SafeTensorsFixture.writeRaw(header: "{\(entry("w", "F32", [0], 4, 0))}", data: [0, 0, 0, 0], to: url)
        assertThrowsWeightError(try SafeTensorsFile(url: url), .offsetsOutOfRange(url, tensor: "w", begin: 4, end: 0, dataSize: 4),
                                mentions: ["bad.safetensors", "'w'"])
    }

    func testOverlappingTensors() throws {
        let header = "{\(entry("a", "F32", [2], 0, 8)),\(entry("b", "F32", [2], 4, 12))}"
        try SafeTensorsFixture.writeRaw(header: header, data: [UInt8](repeating: 0, count: 12), to: url)
        assertThrowsWeightError(try SafeTensorsFile(url: url), .overlapping(url, "a", "b"), mentions: ["bad.safetensors", "'a'", "'b'"])
    }

    func testAdjacentAndEmptyTensorsDoNotOverlap() throws {
        let header = "{\(entry("a", "F32", [1], 0, 4)),\(entry("b", "F32", [1], 4, 8)),\(entry("e", "F32", [0], 4, 4))}"
        try SafeTensorsFixture.writeRaw(header: header, data: [UInt8](repeating: 0, count: 8), to: url)
        XCTAssertEqual(try SafeTensorsFile(url: url).names, ["a", "b", "e"])
    }

    func testByteLengthDisagreesWithShape() throws {
        try SafeTensorsFixture.writeRaw(header: "{\(entry("w", "F16", [3], 0, 8))}", data: [UInt8](repeating: 0, count: 8), to: url)
        assertThrowsWeightError(try SafeTensorsFile(url: url), .sizeMismatch(url, tensor: "w", expectedBytes: 6, foundBytes: 8),
                                mentions: ["bad.safetensors", "'w'", "6", "8"])
    }

    func testShapeTooLargeToAddress() throws {
        try SafeTensorsFixture.writeRaw(header: "{\(entry("w", "F32", [1 << 40, 1 << 40], 0, 4))}", data: [0, 0, 0, 0], to: url)
        guard case .badHeader(url, let reason)? = openError() else { return XCTFail("expected badHeader") }
        XCTAssertTrue(reason.contains("'w'"), reason)
    }

    private func openError() -> WeightError? {
        do {
            _ = try SafeTensorsFile(url: url)
            return nil
        } catch {
            return error as? WeightError
        }
    }
}
