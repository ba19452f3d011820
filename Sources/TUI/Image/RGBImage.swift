/// One picture as packed 8-bit RGB rows (`width × height × 3` bytes, top row first).
public struct RGBImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    /// nil when `pixels` does not hold exactly `width × height × 3` bytes.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 3 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> RGBColor {
        let i = (y * width + x) * 3
        return RGBColor(pixels[i], pixels[i + 1], pixels[i + 2])
    }
}

/// An 8-bit-per-channel colour.
public struct RGBColor: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour number ncurses uses for this colour at `depth` (-1, the default colour, when monochrome).
    public func terminalColor(depth: ColorDepth) -> Int32 {
        ThemeColor.rgb(red: red, green: green, blue: blue).terminalColor(depth: depth)
    }

    public var description: String { ThemeColor.rgb(red: red, green: green, blue: blue).description }
}
