import CSixel

/// Encodes RGB pictures as DEC sixel with libsixel, one palette for a whole clip: building the
/// palette (median cut) is most of libsixel's cost, so it happens once and every frame reuses it.
/// No dithering: it makes the output about five times larger for little gain on small previews.
/// The palette is built at full 8-bit precision: libsixel's automatic quality works on 5-bit colours
/// for small pictures, which turns pure white into 97 % grey.
///
/// Frames are mapped to the palette here, through a table of the nearest entry for every 15-bit colour
/// built once per clip, and handed to libsixel as indexed pixels: libsixel's own per-pixel search of the
/// palette took most of a frame's time.
///
/// The only place that touches libsixel's C pointers. Not thread-safe (libsixel's reference
/// counting is not); use one encoder per thread.
public final class SixelEncoder {
    private var dither: OpaquePointer?
    /// How many colours the palette has.
    public let colorCount: Int
    /// Palette index for each colour with 5 bits a channel (r << 10 | g << 5 | b).
    private let nearest: [UInt8]

    /// Builds the palette from sample pictures (e.g. every frame of a clip) with at most `maxColors`
    /// entries (2…256; terminals report their register count through XTSMGRAPHICS).
    public init(palettePictures samples: [RGBImage], maxColors: Int = 256) throws(SixelError) {
        guard let first = samples.first else { throw SixelError.noPictures }
        let colors = min(256, max(2, maxColors))
        var dither: OpaquePointer?
        try SixelError.check(sixel_dither_new(&dither, Int32(colors), nil), "sixel_dither_new")
        // The palette comes from one tall picture: the samples stacked, those of another width skipped.
        var stacked: [UInt8] = []
        var rows = 0
        for sample in samples where sample.width == first.width {
            stacked.append(contentsOf: sample.pixels)
            rows += sample.height
        }
        let status = stacked.withUnsafeMutableBufferPointer {
            sixel_dither_initialize(dither, $0.baseAddress, Int32(first.width), Int32(rows),
                                    Int32(SIXEL_PIXELFORMAT_RGB888), Int32(SIXEL_LARGE_AUTO),
                                    Int32(SIXEL_REP_AUTO), Int32(SIXEL_QUALITY_FULL))
        }
        guard csixel_failed(status) == 0 else {
            sixel_dither_unref(dither)
            throw SixelError.libsixel(call: "sixel_dither_initialize", status: Int(status))
        }
        sixel_dither_set_diffusion_type(dither, Int32(SIXEL_DIFFUSE_NONE))
        // Keep every palette entry in every frame, so a frame's palette never depends on its content.
        sixel_dither_set_optimize_palette(dither, 0)
        let count = Int(sixel_dither_get_num_of_palette_colors(dither))
        let palette = Array(UnsafeBufferPointer(start: sixel_dither_get_palette(dither), count: count * 3))
        sixel_dither_set_pixelformat(dither, Int32(SIXEL_PIXELFORMAT_PAL8))
        self.dither = dither
        colorCount = count
        nearest = Self.nearestTable(palette: palette)
    }

    private static func nearestTable(palette: [UInt8]) -> [UInt8] {
        let entries = palette.count / 3
        var table = [UInt8](repeating: 0, count: 32 * 32 * 32)
        for key in 0..<table.count {
            // The centre of the 5-bit bin, in 8-bit units.
            let r = (key >> 10) * 8 + 4, g = (key >> 5 & 31) * 8 + 4, b = (key & 31) * 8 + 4
            var best = 0, bestDistance = Int.max
            for entry in 0..<entries {
                let dr = r - Int(palette[entry * 3]), dg = g - Int(palette[entry * 3 + 1]), db = b - Int(palette[entry * 3 + 2])
                let distance = dr * dr + dg * dg + db * db
                if distance < bestDistance { (best, bestDistance) = (entry, distance) }
            }
            table[key] = UInt8(best)
        }
        return table
    }

    deinit { sixel_dither_unref(dither) }

    /// The complete DCS sequence (`ESC P … q` palette and bands `ESC \`) for one picture.
    public func encode(_ image: RGBImage) throws(SixelError) -> [UInt8] {
        let sink = Sink()
        var output: OpaquePointer?
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try SixelError.check(sixel_output_new(&output, { data, size, priv in
            guard let data, let priv, size > 0 else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(priv).takeUnretainedValue()
            data.withMemoryRebound(to: UInt8.self, capacity: Int(size)) {
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(size)))
            }
            return size
        }, context, nil), "sixel_output_new")
        defer { sixel_output_unref(output) }
        sixel_output_set_encode_policy(output, Int32(SIXEL_ENCODEPOLICY_FAST))
        var indices = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { rgb in
            for i in indices.indices {
                let key = Int(rgb[i * 3] >> 3) << 10 | Int(rgb[i * 3 + 1] >> 3) << 5 | Int(rgb[i * 3 + 2] >> 3)
                indices[i] = nearest[key]
            }
        }
        let status = indices.withUnsafeMutableBufferPointer {
            sixel_encode($0.baseAddress, Int32(image.width), Int32(image.height), 1, dither, output)
        }
        try SixelError.check(status, "sixel_encode")
        return withExtendedLifetime(sink) { sink.bytes }
    }

    private final class Sink {
        var bytes: [UInt8] = []
    }
}
