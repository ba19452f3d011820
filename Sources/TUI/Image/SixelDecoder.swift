import CSixel

/// Turns a DEC sixel sequence back into RGB pixels with libsixel's own decoder, so the studio can
/// check what a terminal would draw from the bytes it sends.
/// The only place that touches libsixel's decoding pointers.
public enum SixelDecoder {
    /// The picture `bytes` (a whole `ESC P … q … ESC \` sequence) paints; pixels no band touched
    /// take palette entry 0's colour, as libsixel fills them with the background register.
    public static func decode(_ bytes: [UInt8]) throws(SixelError) -> RGBImage {
        var allocator: OpaquePointer?
        try SixelError.check(sixel_allocator_new(&allocator, nil, nil, nil, nil), "sixel_allocator_new")
        defer { sixel_allocator_unref(allocator) }
        var input = bytes
        var indices: UnsafeMutablePointer<UInt8>?
        var palette: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0, colors: Int32 = 0
        let status = input.withUnsafeMutableBufferPointer {
            sixel_decode_raw($0.baseAddress, Int32($0.count), &indices, &width, &height, &palette, &colors, allocator)
        }
        defer {
            sixel_allocator_free(allocator, indices)
            sixel_allocator_free(allocator, palette)
        }
        try SixelError.check(status, "sixel_decode_raw")
        guard let indices, let palette, width > 0, height > 0, colors > 0 else { throw SixelError.emptyPicture }
        // libsixel hands back one palette index per pixel and a packed RGB palette.
        let count = Int(width) * Int(height)
        var pixels = [UInt8](repeating: 0, count: count * 3)
        for i in 0..<count {
            let entry = Int(min(Int32(indices[i]), colors - 1)) * 3
            pixels[i * 3] = palette[entry]
            pixels[i * 3 + 1] = palette[entry + 1]
            pixels[i * 3 + 2] = palette[entry + 2]
        }
        guard let image = RGBImage(width: Int(width), height: Int(height), pixels: pixels) else { throw SixelError.emptyPicture }
        return image
    }
}
