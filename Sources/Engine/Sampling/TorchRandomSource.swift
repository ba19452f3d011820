import Foundation

/// Reproduces `torch.randn(shape, generator=torch.Generator("cpu").manual_seed(seed))` bit for bit in
/// float32 on x86-64: MT19937, 24-bit float uniforms, and torch's 16-wide Box–Muller whose AVX2 kernel
/// evaluates log and sincos with Cephes polynomials and fused multiply-adds.
public struct TorchRandomSource {
    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624
    /// The second value of the last scalar Box–Muller pair, as torch's generator caches it.
    private var cachedNormal: Double?

    /// torch uses only the low 32 bits of the seed.
    public init(seed: UInt64) {
        state[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<624 {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
    }

    mutating func nextUInt32() -> UInt32 {
        if position == 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7fff_ffff)
            state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908_b0df : 0)
        }
        position = 0
    }

    mutating func nextFloat() -> Float { Float(nextUInt32() & 0xff_ffff) * Float(1.0 / 16_777_216.0) }

    mutating func nextDouble() -> Double {
        let high = UInt64(nextUInt32()), low = UInt64(nextUInt32())
        return Double(((high << 32) | low) & ((1 << 53) - 1)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A tensor of standard normal samples, as torch.randn draws them.
    public mutating func randn(shape: [Int]) -> Tensor {
        let result = Tensor(uninitialized: shape)
        fillNormal(result.pointer, count: result.count)
        return result
    }

    public mutating func normal(count: Int) -> [Float] {
        let tensor = randn(shape: [count])
        return tensor.scalars
    }

    mutating func fillNormal(_ out: UnsafeMutablePointer<Float>, count: Int) {
        if count < 16 {
            for i in 0..<count { out[i] = Float(nextScalarNormal()) }
            return
        }
        for i in 0..<count { out[i] = nextFloat() }
        var start = 0
        while start + 16 <= count {
            Self.boxMuller16(out + start)
            start += 16
        }
        if count % 16 != 0 {
            // torch redraws the last 16 uniforms and transforms that block again.
            let tail = out + (count - 16)
            for i in 0..<16 { tail[i] = nextFloat() }
            Self.boxMuller16(tail)
        }
    }

    /// The scalar path (fewer than 16 values): double Box–Muller with a cached second value.
    private mutating func nextScalarNormal() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        let u1 = nextDouble(), u2 = nextDouble()
        let radius = (-2 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        cachedNormal = radius * Foundation.sin(theta)
        return radius * Foundation.cos(theta)
    }

    /// Eight pairs (j, j+8): u1 = 1 − d[j], u2 = d[j+8] → d[j] = r·cos θ, d[j+8] = r·sin θ.
    private static func boxMuller16(_ d: UnsafeMutablePointer<Float>) {
        for j in 0..<8 {
            let u1 = 1 - d[j], u2 = d[j + 8]
            let radius = (-2 * cephesLog(u1)).squareRoot()
            let theta = Float(6.2831855) * u2
            let (sine, cosine) = cephesSinCos(theta)
            d[j] = radius * cosine
            d[j + 8] = radius * sine
        }
    }

    /// avx_mathfun's log256_ps for one lane, with the compiler's fused multiply-adds.
    static func cephesLog(_ x: Float) -> Float {
        let bits = x.bitPattern
        var e = Float(Int32(bitPattern: bits >> 23) - 127) + 1
        var m = Float(bitPattern: (bits & 0x807f_ffff) | 0x3f00_0000)
        var t: Float
        if m < 0.707106781186547524 {
            e -= 1
            t = (m - 1) + m
        } else {
            t = m - 1
        }
        m = t
        let z = t * t
        let p: [Float] = [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
                          -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1]
        var y = p[0]
        for k in 1...8 { y = p[k].addingProduct(y, t) }
        y = y * t
        y = (e * Float(-2.12194440e-4)).addingProduct(y, z)
        y = y.addingProduct(-z, 0.5)
        return (t + y) + e * Float(0.693359375)
    }

    /// avx_mathfun's sincos256_ps for one non-negative lane.
    static func cephesSinCos(_ theta: Float) -> (sin: Float, cos: Float) {
        var j = Int32(theta * Float(1.27323954473516))
        j = (j + 1) & ~1
        let y = Float(j)
        var x = theta.addingProduct(y, -0.78515625)
        x = x.addingProduct(y, -2.4187564849853515625e-4)
        x = x.addingProduct(y, -3.77489497744594108e-8)
        let z = x * x
        let cosInner = Float(4.166664568298827e-2).addingProduct(Float(-1.388731625493765e-3).addingProduct(Float(2.443315711809948e-5), z), z)
        let cosPoly = (-(0.5 * z)).addingProduct(cosInner * z, z) + 1
        let sinInner = Float(-1.6666654611e-1).addingProduct(Float(8.3321608736e-3).addingProduct(Float(-1.9515295891e-4), z), z)
        let sinPoly = x.addingProduct(sinInner * z, x)
        var (sine, cosine) = (j & 2) == 0 ? (sinPoly, cosPoly) : (cosPoly, sinPoly)
        if (j & 4) != 0 { sine = -sine }
        if ((j - 2) & 4) == 0 { cosine = -cosine }
        return (sine, cosine)
    }
}
