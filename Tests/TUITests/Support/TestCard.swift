import Foundation
@testable import TUI

/// A picture that looks like a small video frame rather than noise: a sky-to-ground gradient, a
/// shaded disc, a bright rectangle and a diagonal stripe, so palette and scaling errors show up the
/// way they would on a real clip.
enum TestCard {
    static func make(width: Int = 256, height: Int = 256, phase: Int = 0) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let cx = Double(width) * (0.35 + 0.02 * Double(phase)), cy = Double(height) * 0.45
        let radius = Double(min(width, height)) * 0.22
        for y in 0..<height {
            let v = Double(y) / Double(height - 1)
            for x in 0..<width {
                let u = Double(x) / Double(width - 1)
                var r = 40 + 120 * v + 30 * u, g = 90 + 100 * (1 - v), b = 200 * (1 - v) + 40 * u
                let dx = Double(x) - cx, dy = Double(y) - cy
                let d = (dx * dx + dy * dy).squareRoot()
                if d < radius {
                    let shade = 1 - 0.5 * d / radius
                    r = 230 * shade; g = 80 * shade; b = 40 * shade
                }
                if x > width * 6 / 10, x < width * 9 / 10, y > height * 6 / 10, y < height * 8 / 10 {
                    r = 240; g = 220; b = 90
                }
                if abs(x - y - phase * 4) < 3 { r = 250; g = 250; b = 250 }
                let i = (y * width + x) * 3
                pixels[i] = UInt8(max(0, min(255, r)))
                pixels[i + 1] = UInt8(max(0, min(255, g)))
                pixels[i + 2] = UInt8(max(0, min(255, b)))
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)!
    }

    /// Peak signal-to-noise ratio of `b` against `a` in dB over all channels (infinity when equal).
    static func psnr(_ a: RGBImage, _ b: RGBImage) -> Double {
        precondition(a.width == b.width && a.height == b.height)
        var sum = 0.0
        for i in a.pixels.indices {
            let d = Double(a.pixels[i]) - Double(b.pixels[i])
            sum += d * d
        }
        let mse = sum / Double(a.pixels.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }
}
