/// exp, erf, SiLU and GELU in plain arithmetic and bit operations, so that loops over them vectorise
/// (libm's expf and erff are calls, one element at a time, and were most of GroupNorm+SiLU's and
/// GEGLU's time). Accuracy within a few float32 ulps of libm over the ranges activations reach
/// (FastMathTests states the bounds), far inside the fixtures' 1e-3.
enum FastMath {
    /// e^x: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its degree-6 Taylor polynomial (truncation below
    /// 1.2e-7 relative), 2^n put straight into the exponent bits. Inputs are clamped to the float
    /// range, so e^-100 gives about 1e-38 rather than 0 and e^100 about 2e38 rather than infinity.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -87.3), 88.3)
        // Adding 1.5·2²³ rounds to the nearest integer n and leaves n in the low mantissa bits, so
        // neither the rounding nor 2^n needs a call, a branch or a trapping conversion.
        let shifted = clamped * 1.442695041 + 12_582_912
        let n = shifted - 12_582_912
        let r = (clamped - n * 0.693145751953125) - n * 1.428606765330187e-6
        var p: Float = 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let power = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
        return p * power
    }

    /// erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = abs(x)
        let t = 1 / (1 + 0.3275911 * a)
        var poly: Float = 1.061405429
        poly = poly * t - 1.453152027
        poly = poly * t + 1.421413741
        poly = poly * t - 0.284496736
        poly = poly * t + 0.254829592
        let magnitude = 1 - poly * t * exp(-a * a)
        return x < 0 ? -magnitude : magnitude
    }

    @inline(__always)
    static func silu(_ x: Float) -> Float { x / (1 + exp(-x)) }

    /// Exact (erf) GELU, as torch's default `gelu`.
    @inline(__always)
    static func gelu(_ x: Float) -> Float { 0.5 * x * (1 + erf(x * 0.70710678118654752)) }
}
