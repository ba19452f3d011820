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
}
