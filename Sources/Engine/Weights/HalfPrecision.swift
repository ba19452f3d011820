import CEngineCPU
import Foundation

/// Widening of IEEE half (F16) and bfloat16 (BF16) data to float32, exact for every bit pattern.
///
/// F16 goes through the CPU's F16C instruction where it has one (eight values per instruction; a UNet
/// step widens 1.4 G weights), otherwise through a 65,536-entry table built with integer arithmetic
/// only; both are exact for every number, subnormals included, whatever the flush-to-zero mode (F16C
/// quiets signalling NaNs, which weights do not hold). BF16 is
/// the top half of a float32, so it is a shift. Large tensors are split over the cores.
enum HalfPrecision {
    /// Whether F16 widening uses F16C; `STUDIO_F16C=0` forces the table, for before/after measurements.
    static let usesF16C = engine_cpu_has_f16c() != 0 && ProcessInfo.processInfo.environment["STUDIO_F16C"] != "0"

    /// Float32 value of every F16 bit pattern; allocated once and never freed.
    static let f16Table: UnsafePointer<Float> = {
        let table = UnsafeMutablePointer<Float>.allocate(capacity: 65_536)
        for pattern in 0..<65_536 {
            table[pattern] = Float(bitPattern: floatBits(ofHalf: UInt16(pattern)))
        }
        return UnsafePointer(table)
    }()

    /// The float32 bit pattern of one F16 value: sign kept, exponent rebiased from 15 to 127,
    /// subnormals normalised, infinities and NaN payloads carried over.
    static func floatBits(ofHalf half: UInt16) -> UInt32 {
        let sign = UInt32(half & 0x8000) << 16
        let exponent = Int(half >> 10) & 0x1f
        var mantissa = UInt32(half & 0x3ff)
        switch exponent {
        case 0x1f:
            return sign | 0x7f80_0000 | (mantissa << 13)
        case 0:
            guard mantissa != 0 else { return sign }
            // A subnormal half is mantissa × 2⁻²⁴; shift its leading 1 into the implicit-bit place.
            var unbiased = -14
            while mantissa & 0x400 == 0 {
                mantissa <<= 1
                unbiased -= 1
            }
            return sign | UInt32(unbiased + 127) << 23 | (mantissa & 0x3ff) << 13
        default:
            return sign | UInt32(exponent - 15 + 127) << 23 | mantissa << 13
        }
    }

    /// Converts `count` little-endian F16 values at `source` (any alignment) into `destination`.
    static func convertF16(_ source: UnsafeRawPointer, to destination: UnsafeMutablePointer<Float>, count: Int) {
        if usesF16C {
            forEachChunk(count: count) { range in
                engine_widen_f16_f16c(source + range.lowerBound &* 2, destination + range.lowerBound, range.count)
            }
            return
        }
        convertF16WithTable(source, to: destination, count: count)
    }

    /// The table path of `convertF16`, for CPUs without F16C (and the tests that compare both).
    static func convertF16WithTable(_ source: UnsafeRawPointer, to destination: UnsafeMutablePointer<Float>, count: Int) {
        let table = f16Table
        forEachChunk(count: count) { range in
            for index in range {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self))
                destination[index] = table[Int(bits)]
            }
        }
    }

    /// Converts `count` little-endian BF16 values at `source` (any alignment) into `destination`.
    static func convertBF16(_ source: UnsafeRawPointer, to destination: UnsafeMutablePointer<Float>, count: Int) {
        forEachChunk(count: count) { range in
            for index in range {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self))
                destination[index] = Float(bitPattern: UInt32(bits) << 16)
            }
        }
    }

    /// Runs `body` over `0..<count` in chunks, spread over the cores when the work is large enough
    /// to pay for the threads (conversion is bound by page faults and memory bandwidth, not math).
    private static func forEachChunk(count: Int, _ body: (Range<Int>) -> Void) {
        let chunk = 1 << 18
        guard count > 2 * chunk else {
            body(0..<count)
            return
        }
        let chunks = (count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let start = index * chunk
            body(start..<min(start + chunk, count))
        }
    }
}
