import Foundation
import XCTest
@testable import Engine

final class SafeTensorsFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try SafeTensorsFixture.makeTemporaryFolder("safetensors")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testF32RoundTripIsExactAndZeroCopy() throws {
        let values: [Float] = [0, -0.0, 1.5, -3.25, .pi, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity]
        let url = try SafeTensorsFixture.write([.f32("w", [2, 4], values)], to: folder.appendingPathComponent("a.safetensors"))
        let file = try SafeTensorsFile(url: url)
        let tensor = try file.tensor("w")

        XCTAssertEqual(tensor.shape, [2, 4])
        XCTAssertEqual(tensor.scalars.map(\.bitPattern), values.map(\.bitPattern))
        let mapped = file.mappedRange()
        let address = UnsafeRawPointer(tensor.pointer)
        XCTAssertTrue(address >= mapped.baseAddress! && address + 32 <= mapped.baseAddress! + mapped.count,
                      "an aligned F32 tensor should borrow the mapping, not copy it")
    }

    func testBorrowedTensorOutlivesTheFileObject() throws {
        let url = try SafeTensorsFixture.write([.f32("w", [3], [7, 8, 9])], to: folder.appendingPathComponent("a.safetensors"))
        var file: SafeTensorsFile? = try SafeTensorsFile(url: url)
        let tensor = try file!.tensor("w")
        file = nil
        XCTAssertEqual(tensor.scalars, [7, 8, 9])
    }

    func testUnalignedF32IsCopiedExactly() throws {
        let values: [Float] = [1, 2, 3, -4.5]
        let url = try SafeTensorsFixture.write([.f32("w", [4], values)], misalignData: true, to: folder.appendingPathComponent("a.safetensors"))
        let file = try SafeTensorsFile(url: url)
        XCTAssertEqual(file.info("w")!.byteRange.lowerBound % 4, 1)
        let tensor = try file.tensor("w")
        XCTAssertEqual(tensor.scalars, values)
        let mapped = file.mappedRange()
        let address = UnsafeRawPointer(tensor.pointer)
        XCTAssertFalse(address >= mapped.baseAddress! && address < mapped.baseAddress! + mapped.count)
    }

    func testF16RoundTripIncludingSpecials() throws {
        let bits: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x7C00, 0xFC00, 0x8000, 0x0000, 0x3555, 0x7E00]
        let url = try SafeTensorsFixture.write([.f16("h", [3, 4], bits: bits)], to: folder.appendingPathComponent("h.safetensors"))
        let tensor = try SafeTensorsFile(url: url).tensor("h")
        let got = tensor.scalars

        XCTAssertEqual(tensor.shape, [3, 4])
        XCTAssertEqual(got[0], 1)
        XCTAssertEqual(got[1], -2)
        XCTAssertEqual(got[2], 65504)
        XCTAssertEqual(got[3], 0x1p-24)                       // smallest subnormal
        XCTAssertEqual(got[4], 1023 * 0x1p-24)                // largest subnormal
        XCTAssertEqual(got[5], 0x1p-14)                       // smallest normal
        XCTAssertEqual(got[6], .infinity)
        XCTAssertEqual(got[7], -.infinity)
        XCTAssertEqual(got[8].bitPattern, (-0.0 as Float).bitPattern)
        XCTAssertEqual(got[9].bitPattern, 0)
        XCTAssertEqual(got[10], 0.333251953125)               // 0x3555, the half nearest 1/3
        XCTAssertTrue(got[11].isNaN)
    }

    func testBF16RoundTrip() throws {
        let floats: [Float] = [1, -2.5, 3.140625, -0.0, .infinity, 0x1p-130]
        let bits = floats.map { UInt16($0.bitPattern >> 16) }   // all exactly representable in bf16
        let url = try SafeTensorsFixture.write([.bf16("b", [6], bits: bits)], to: folder.appendingPathComponent("b.safetensors"))
        let tensor = try SafeTensorsFile(url: url).tensor("b")
        XCTAssertEqual(tensor.scalars.map(\.bitPattern), floats.map(\.bitPattern))
    }

    /// Large enough for the threaded conversion and the page hints; values spot-checked everywhere.
    func testLargeF16AndBF16TensorsConvertExactly() throws {
        let count = (1 << 20) + 5                           // 4 MB of floats: the hint threshold
        let bits = (0..<count).map { UInt16(truncatingIfNeeded: $0 &* 2_654_435_761 >> 9) & 0x7BFF }
        let url = try SafeTensorsFixture.write([.f16("h", [count], bits: bits), .bf16("b", [count], bits: bits)],
                                               to: folder.appendingPathComponent("large.safetensors"))
        let file = try SafeTensorsFile(url: url)
        let half = try file.tensor("h"), brain = try file.tensor("b")
        for index in stride(from: 0, to: count, by: 4099) + [count - 1] {
            XCTAssertEqual(half.pointer[index].bitPattern, HalfPrecision.floatBits(ofHalf: bits[index]), "F16 at \(index)")
            XCTAssertEqual(brain.pointer[index].bitPattern, UInt32(bits[index]) << 16, "BF16 at \(index)")
        }
    }

    /// A large F16 or BF16 weight stays in the mapping: every use widens exactly what `tensor(_:)`
    /// converts, and single rows come out without widening the rest.
    func testLargeHalfParametersAreWidenedOnUseExactly() throws {
        let rows = 300, width = 256                         // 76,800 elements, above the threshold
        let count = rows * width
        XCTAssertGreaterThanOrEqual(count, SafeTensorsFile.widenOnUseMinimumCount)
        let bits = (0..<count).map { UInt16(truncatingIfNeeded: $0 &* 40_503 >> 3) & 0x7BFF | UInt16($0 & 1) << 15 }
        let url = try SafeTensorsFixture.write([.f16("h", [rows, width], bits: bits), .bf16("b", [rows, width], bits: bits)],
                                               to: folder.appendingPathComponent("params.safetensors"))
        let file = try SafeTensorsFile(url: url)
        for name in ["h", "b"] {
            let parameter = try file.parameter(name)
            let converted = try file.tensor(name)
            XCTAssertTrue(parameter.isWidenedOnUse, name)
            XCTAssertEqual(parameter.shape, [rows, width])
            for _ in 0..<2 {                                // the second use reads the released pages again
                parameter.withTensor { XCTAssertEqual($0.scalars.map(\.bitPattern), converted.scalars.map(\.bitPattern), name) }
            }
            let row = Tensor(uninitialized: [width])
            parameter.copyRow(rows - 1, to: row.pointer)
            XCTAssertEqual(row.scalars, Array(converted.scalars[(count - width)...]), name)
        }
    }

    /// F32 weights are borrowed from the mapping whatever their size; small half weights are
    /// converted once rather than at every use.
    func testF32AndSmallHalfParametersStayResident() throws {
        let bigF32 = (0..<SafeTensorsFile.widenOnUseMinimumCount).map { Float($0) * 0.25 }
        let url = try SafeTensorsFixture.write([.f32("w", [bigF32.count], bigF32), .f16("bias", [2], bits: [0x3C00, 0xC000])],
                                               to: folder.appendingPathComponent("resident.safetensors"))
        let file = try SafeTensorsFile(url: url)
        let weight = try file.parameter("w"), bias = try file.parameter("bias")
        XCTAssertFalse(weight.isWidenedOnUse)
        XCTAssertFalse(bias.isWidenedOnUse)
        let mapped = file.mappedRange()
        weight.withTensor { tensor in
            let address = UnsafeRawPointer(tensor.pointer)
            XCTAssertTrue(address >= mapped.baseAddress! && address < mapped.baseAddress! + mapped.count)
            XCTAssertEqual(tensor.pointer[bigF32.count - 1], bigF32.last)
        }
        bias.withTensor { XCTAssertEqual($0.scalars, [1, -2]) }
    }

    /// Bytes written by the reference implementation (Python `safetensors` 0.x, `safetensors.numpy.save`
    /// with metadata {"format": "pt"}): an int64 position_ids buffer, an F32 and an F16 tensor.
    func testReadsAFileWrittenByTheReferenceLibrary() throws {
        let written = "+AAAAAAAAAB7Il9fbWV0YWRhdGFfXyI6eyJmb3JtYXQiOiJwdCJ9LCJ0ZXh0X21vZGVsLmVtYmVkZGluZ3MucG9zaXRpb25faWRzIjp7ImR0eXBlIjoiSTY0Iiwic2hhcGUiOlsxLDRdLCJkYXRhX29mZnNldHMiOlswLDMyXX0sIncuZjMyIjp7ImR0eXBlIjoiRjMyIiwic2hhcGUiOlsyLDNdLCJkYXRhX29mZnNldHMiOlszMiw1Nl19LCJ3LmYxNiI6eyJkdHlwZSI6IkYxNiIsInNoYXBlIjpbN10sImRhdGFfb2Zmc2V0cyI6WzU2LDcwXX19ICAgICAgIAAAAAAAAAAAAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAAADAPwAAEMAAAEBAzczMPWBCog0AAACAADwAuP97AQAAfACAVDU="
        let url = folder.appendingPathComponent("reference.safetensors")
        try XCTUnwrap(Data(base64Encoded: written)).write(to: url)
        let file = try SafeTensorsFile(url: url)

        XCTAssertEqual(file.names, ["text_model.embeddings.position_ids", "w.f16", "w.f32"])
        XCTAssertEqual(file.metadata, ["format": "pt"])
        XCTAssertEqual(file.info("text_model.embeddings.position_ids")?.shape, [1, 4])
        let f32 = try file.tensor("w.f32")
        XCTAssertEqual(f32.shape, [2, 3])
        XCTAssertEqual(f32.scalars.map(\.bitPattern), ([1.5, -2.25, 3.0, 0.1, 1e-30, -0.0] as [Float]).map(\.bitPattern))
        let f16 = try file.tensor("w.f16")
        XCTAssertEqual(f16.scalars, [1.0, -0.5, 65504.0, 0x1p-24, .infinity, -0.0, 0.3330078125])
        XCTAssertEqual(f16.scalars[5].sign, .minus)
    }

    func testNamesMetadataAndInfo() throws {
        let url = try SafeTensorsFixture.write([
            .f32("z.last", [2], [1, 2]),
            .f16("a.first", [1, 3], bits: [0, 0, 0]),
            .i64("text_model.embeddings.position_ids", [1, 4], [0, 1, 2, 3]),
        ], metadata: ["format": "pt"], to: folder.appendingPathComponent("m.safetensors"))
        let file = try SafeTensorsFile(url: url)

        XCTAssertEqual(file.names, ["a.first", "text_model.embeddings.position_ids", "z.last"])
        XCTAssertEqual(file.metadata, ["format": "pt"])
        let info = try XCTUnwrap(file.info("a.first"))
        XCTAssertEqual(info.dtype, .f16)
        XCTAssertEqual(info.shape, [1, 3])
        XCTAssertEqual(info.byteCount, 6)
        // Data starts after the 8-byte length and the header; z.last was written first.
        let dataStart = file.info("z.last")!.byteRange.lowerBound
        XCTAssertEqual(dataStart % 8, 0)
        XCTAssertEqual(info.byteRange, (dataStart + 8)..<(dataStart + 14))
        XCTAssertNil(file.info("absent"))
        XCTAssertEqual(file.tensorBytes, 8 + 6 + 32)
    }

    func testIntegerBufferOpensButIsNotLoadable() throws {
        let url = try SafeTensorsFixture.write([
            .i64("text_model.embeddings.position_ids", [1, 2], [0, 1]),
        ], to: folder.appendingPathComponent("te.safetensors"))
        let file = try SafeTensorsFile(url: url)
        XCTAssertEqual(file.info("text_model.embeddings.position_ids")?.dtype, .i64)
        assertThrowsWeightError(try file.tensor("text_model.embeddings.position_ids"),
                                .notLoadable(url, tensor: "text_model.embeddings.position_ids", dtype: "I64"),
                                mentions: ["te.safetensors", "text_model.embeddings.position_ids", "I64"])
    }

    func testMissingTensorNamesFileAndTensor() throws {
        let url = try SafeTensorsFixture.write([.f32("present", [1], [1])], to: folder.appendingPathComponent("p.safetensors"))
        let file = try SafeTensorsFile(url: url)
        assertThrowsWeightError(try file.tensor("absent.weight"), .missingTensor(url, tensor: "absent.weight"),
                                mentions: ["p.safetensors", "absent.weight"])
    }

    func testZeroElementTensor() throws {
        let url = try SafeTensorsFixture.write([
            .f32("empty", [0, 3], []), .f32("w", [1], [5]),
        ], to: folder.appendingPathComponent("e.safetensors"))
        let file = try SafeTensorsFile(url: url)
        XCTAssertEqual(try file.tensor("empty").shape, [0, 3])
        XCTAssertEqual(try file.tensor("w").scalars, [5])
    }

    func testMissingFile() {
        let url = folder.appendingPathComponent("nope.safetensors")
        assertThrowsWeightError(try SafeTensorsFile(url: url), .fileMissing(url), mentions: ["nope.safetensors"])
    }

    /// Opening a 256 MB F16 file and reading its header must not read its data; converting one small
    /// tensor must read (about) only that tensor; converting a big one must hand its source pages back.
    func testOpeningMapsWithoutReading() throws {
        guard residentBytes() != nil else { throw XCTSkip("no /proc/self/statm on this system") }
        let bigCount = 32 * 1024 * 1024                     // 64 MB of F16 per tensor
        let smallBits: [UInt16] = (0..<2048).map { UInt16($0) | 0x3C00 }
        var fields = ["\"small\":{\"dtype\":\"F16\",\"shape\":[2048],\"data_offsets\":[0,4096]}"]
        var offset = 4096
        for index in 0..<4 {
            fields.append("\"big.\(index)\":{\"dtype\":\"F16\",\"shape\":[\(bigCount)],\"data_offsets\":[\(offset),\(offset + 2 * bigCount)]}")
            offset += 2 * bigCount
        }
        var header = "{\(fields.joined(separator: ","))}"
        while (8 + header.utf8.count) % 8 != 0 { header += " " }
        let url = folder.appendingPathComponent("big.fp16.safetensors")
        try SafeTensorsFixture.writeRaw(header: header, data: SafeTensorsFixture.littleEndianBytes(smallBits), to: url)
        // The big tensors' bytes are a hole: the file is 256 MB long without writing 256 MB.
        let fileSize = 8 + header.utf8.count + offset
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(fileSize))
        try handle.close()

        let baseline = residentBytes()!
        let file = try SafeTensorsFile(url: url)
        for name in file.names { _ = file.info(name) }
        let afterOpen = residentBytes()!
        XCTAssertEqual(file.fileSize, fileSize)
        XCTAssertLessThan(afterOpen - baseline, fileSize / 10, "opening read the file instead of mapping it")

        let small = try file.tensor("small")
        let afterSmall = residentBytes()!
        XCTAssertEqual(small.scalars[1], Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0x3C01)))
        XCTAssertLessThan(afterSmall - baseline, fileSize / 10, "converting one small tensor paged in the rest")

        // Sanity check of the measurement: converting a 64 MB tensor does show up (128 MB of floats),
        // but its 64 MB of source pages are released again afterwards.
        let big = try file.tensor("big.0")
        let afterBig = residentBytes()!
        XCTAssertEqual(big.pointer[bigCount - 1], 0)
        XCTAssertGreaterThan(afterBig - afterSmall, 4 * bigCount * 3 / 4)
        XCTAssertLessThan(afterBig - afterSmall, 4 * bigCount + 2 * bigCount / 2)
    }

    private func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
