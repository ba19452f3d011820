import CEngineCPU
import XCTest
@testable import Engine

final class HalfPrecisionTests: XCTestCase {
    #if !(os(macOS) && arch(x86_64))
    /// Every one of the 65,536 half patterns against Swift's own Float16 → Float conversion.
    func testTableMatchesFloat16ForEveryPattern() {
        for pattern in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: pattern))
            let got = HalfPrecision.f16Table[Int(pattern)]
            if expected.isNaN {
                XCTAssertTrue(got.isNaN, "pattern \(pattern)")
                XCTAssertEqual(got.sign, expected.sign, "pattern \(pattern)")
            } else if got.bitPattern != expected.bitPattern {
                XCTFail("pattern \(String(pattern, radix: 16)): got \(got), expected \(expected)")
                return
            }
        }
    }
    #endif

    func testKnownValues() {
        XCTAssertEqual(Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0x3C00)), 1)
        XCTAssertEqual(Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0xBC00)), -1)
        XCTAssertEqual(Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0x0001)), 0x1p-24)
        XCTAssertEqual(Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0x0200)), 0x1p-15)
        XCTAssertEqual(Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0x8001)), -0x1p-24)
        XCTAssertEqual(HalfPrecision.floatBits(ofHalf: 0x8000), 0x8000_0000)
        XCTAssertEqual(Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0x7C00)), .infinity)
        XCTAssertTrue(Float(bitPattern: HalfPrecision.floatBits(ofHalf: 0x7C01)).isNaN)
    }

    /// The threaded path (large counts) and the unaligned source path give the same values.
    func testLargeAndUnalignedConversions() {
        let count = (1 << 19) + 3
        var bytes = [UInt8](repeating: 0, count: 2 * count + 1)
        for index in 0..<count {
            let bits = UInt16(truncatingIfNeeded: index &* 40_503)
            bytes[1 + 2 * index] = UInt8(bits & 0xff)
            bytes[2 + 2 * index] = UInt8(bits >> 8)
        }
        let half = UnsafeMutablePointer<Float>.allocate(capacity: count)
        let brain = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { half.deallocate(); brain.deallocate() }
        bytes.withUnsafeBytes { raw in
            HalfPrecision.convertF16(raw.baseAddress! + 1, to: half, count: count)
            HalfPrecision.convertBF16(raw.baseAddress! + 1, to: brain, count: count)
        }
        for index in [0, 1, 77, (1 << 18) - 1, 1 << 18, count / 2, count - 1] {
            let bits = UInt16(truncatingIfNeeded: index &* 40_503)
            XCTAssertEqual(half[index].bitPattern, HalfPrecision.floatBits(ofHalf: bits), "index \(index)")
            XCTAssertEqual(brain[index].bitPattern, UInt32(bits) << 16, "index \(index)")
        }
    }

    /// The F16C path against the table for every half pattern (bit for bit, but for quieted signalling NaNs), from sources at odd byte offsets and with
    /// counts that end inside the eight-value blocks (the tail path).
    func testF16CMatchesTheTableForEveryPatternAndTail() throws {
        try XCTSkipUnless(engine_cpu_has_f16c() != 0, "this CPU has no F16C")
        let count = 65_536
        var bytes = [UInt8](repeating: 0, count: 2 * count + 1)
        for pattern in 0..<count {
            bytes[1 + 2 * pattern] = UInt8(pattern & 0xff)
            bytes[2 + 2 * pattern] = UInt8(pattern >> 8)
        }
        let fast = UnsafeMutablePointer<Float>.allocate(capacity: count + 1)
        let table = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { fast.deallocate(); table.deallocate() }
        bytes.withUnsafeBytes { raw in
            engine_widen_f16_f16c(raw.baseAddress! + 1, fast, count)
            HalfPrecision.convertF16WithTable(raw.baseAddress! + 1, to: table, count: count)
        }
        for pattern in 0..<count where fast[pattern].bitPattern != table[pattern].bitPattern {
            // vcvtph2ps quiets signalling NaNs (sets the top mantissa bit); sign and payload stay.
            if table[pattern].isNaN && fast[pattern].bitPattern == table[pattern].bitPattern | 0x0040_0000 { continue }
            XCTFail("pattern \(String(pattern, radix: 16)): F16C \(fast[pattern]), table \(table[pattern])")
            return
        }
        for tail in [1, 7, 9, 31, 33, 45] {
            fast[tail] = -1
            bytes.withUnsafeBytes { raw in engine_widen_f16_f16c(raw.baseAddress! + 1 + 2 * 100, fast, tail) }
            XCTAssertEqual((0..<tail).map { fast[$0].bitPattern }, (0..<tail).map { table[100 + $0].bitPattern }, "tail \(tail)")
            XCTAssertEqual(fast[tail], -1, "count \(tail) wrote past its end")
        }
    }
}
