/// Fits pictures into boxes with their aspect kept, and resamples them: box average when shrinking; when
/// growing, nearest pixel for coarse cell pictures (half blocks stay crisp) or bilinear for pixel-exact ones
/// (sixel), where a non-integer magnification would otherwise give pixels of uneven widths.
public enum ImageScaler {
    /// The largest size with the source's aspect that fits the box; at least 1×1 when the box is
    /// non-empty. Both are in square pixels (a half-block pane of C×R cells is a C×2R box).
    public static func fit(width: Int, height: Int, into boxWidth: Int, _ boxHeight: Int) -> (width: Int, height: Int) {
        guard width > 0, height > 0, boxWidth > 0, boxHeight > 0 else { return (0, 0) }
        // Compare width/height ratios in integers: the box is wider than the image when bw·h > bh·w.
        if boxWidth * height > boxHeight * width {
            let w = max(1, (boxHeight * width + height / 2) / height)
            return (min(w, boxWidth), boxHeight)
        }
        let h = max(1, (boxWidth * height + width / 2) / width)
        return (boxWidth, min(h, boxHeight))
    }

    /// Resamples `image` to exactly `width × height`.
    public static func scale(_ image: RGBImage, toWidth width: Int, height: Int) -> RGBImage {
        precondition(width > 0 && height > 0, "scale target must be non-empty")
        if width == image.width && height == image.height { return image }
        let xs = spans(from: image.width, to: width)
        let ys = spans(from: image.height, to: height)
        var out = [UInt8](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (y, yr) in ys.enumerated() {
                    for (x, xr) in xs.enumerated() {
                        var r = 0, g = 0, b = 0
                        for sy in yr {
                            var i = (sy * image.width + xr.lowerBound) * 3
                            for _ in xr {
                                r += Int(src[i]); g += Int(src[i + 1]); b += Int(src[i + 2])
                                i += 3
                            }
                        }
                        let n = yr.count * xr.count
                        let o = (y * width + x) * 3
                        dst[o] = UInt8((r + n / 2) / n)
                        dst[o + 1] = UInt8((g + n / 2) / n)
                        dst[o + 2] = UInt8((b + n / 2) / n)
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)!
    }

    /// Like `scale`, but grows bilinearly (pixel centres aligned, edges clamped), as image libraries do.
    public static func scaleSmooth(_ image: RGBImage, toWidth width: Int, height: Int) -> RGBImage {
        precondition(width > 0 && height > 0, "scale target must be non-empty")
        if width <= image.width && height <= image.height { return scale(image, toWidth: width, height: height) }
        let xs = taps(from: image.width, to: width)
        let ys = taps(from: image.height, to: height)
        var out = [UInt8](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (y, ty) in ys.enumerated() {
                    let row0 = ty.index * image.width, row1 = ty.next * image.width
                    for (x, tx) in xs.enumerated() {
                        let o = (y * width + x) * 3
                        for c in 0..<3 {
                            func at(_ row: Int, _ column: Int) -> Float { Float(src[(row + column) * 3 + c]) }
                            let top = at(row0, tx.index) + (at(row0, tx.next) - at(row0, tx.index)) * tx.weight
                            let bottom = at(row1, tx.index) + (at(row1, tx.next) - at(row1, tx.index)) * tx.weight
                            dst[o + c] = UInt8((top + (bottom - top) * ty.weight).rounded())
                        }
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)!
    }

    /// For each output index, the two source indices it blends and the second one's weight.
    static func taps(from source: Int, to target: Int) -> [(index: Int, next: Int, weight: Float)] {
        let ratio = Float(source) / Float(target)
        return (0..<target).map { i in
            let position = min(max((Float(i) + 0.5) * ratio - 0.5, 0), Float(source - 1))
            let index = Int(position)
            return (index, min(index + 1, source - 1), position - Float(index))
        }
    }

    /// For each output index, the source indices it averages (never empty).
    static func spans(from source: Int, to target: Int) -> [Range<Int>] {
        (0..<target).map { i in
            let start = i * source / target
            let end = max(start + 1, ((i + 1) * source) / target)
            return start..<min(end, source)
        }
    }
}
