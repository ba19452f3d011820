/// A theme colour: an exact `#rrggbb` value or the terminal's own default colour.
public enum ThemeColor: Equatable, Hashable, Sendable, CustomStringConvertible {
    case rgb(red: UInt8, green: UInt8, blue: UInt8)
    case terminalDefault

    /// Parses `#rrggbb` (case-insensitive) or `default`; nil for anything else.
    public init?(parsing text: String) {
        if text == "default" {
            self = .terminalDefault
            return
        }
        let digits = Array(text.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#"),
              let value = UInt32(String(decoding: digits[1...], as: UTF8.self), radix: 16)
        else { return nil }
        self = .rgb(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// The colour number ncurses should use at a given depth; -1 is the terminal default.
    public func terminalColor(depth: ColorDepth) -> Int32 {
        guard case .rgb(let r, let g, let b) = self else { return -1 }
        switch depth {
        case .monochrome: return -1
        case .direct: return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        case .palette256: return Self.nearestXterm256(r, g, b)
        case .ansi16: return Self.nearest(r, g, b, in: Self.ansiColors)
        case .ansi8: return Self.nearest(r, g, b, in: Array(Self.ansiColors.prefix(8)))
        }
    }

    /// The colour number for text of this colour on `background`. With 8 or 16 colours the nearest
    /// entry may land on the background's own entry or one too close in brightness (a grey on a light
    /// background both become white); then the nearest entry that still stands out is used.
    public func terminalColor(depth: ColorDepth, on background: ThemeColor) -> Int32 {
        let plain = terminalColor(depth: depth)
        guard depth == .ansi8 || depth == .ansi16, case .rgb(let r, let g, let b) = self,
              case .rgb = background else { return plain }
        let palette = Array(Self.ansiColors.prefix(depth == .ansi8 ? 8 : 16))
        let behind = Self.luminance(palette[Int(background.terminalColor(depth: depth))])
        let legible = palette.indices.filter { abs(Self.luminance(palette[$0]) - behind) >= Self.legibleContrast }
        guard !legible.contains(Int(plain)) else { return plain }
        let target = (Int(r), Int(g), Int(b))
        // A grey stays a grey (black, white or the 16-colour greys) rather than turning magenta.
        let greys = legible.filter { palette[$0].0 == palette[$0].1 && palette[$0].1 == palette[$0].2 }
        let isGrey = max(r, g, b) - min(r, g, b) < 40
        let candidates = isGrey && !greys.isEmpty ? greys : legible
        return candidates.min { Self.distance(target, palette[$0]) < Self.distance(target, palette[$1]) }.map(Int32.init) ?? plain
    }

    /// How far apart in luminance (0…1) text and background must be to read comfortably.
    static let legibleContrast = 0.35

    static func luminance(_ colour: (Int, Int, Int)) -> Double {
        (0.2126 * Double(colour.0) + 0.7152 * Double(colour.1) + 0.0722 * Double(colour.2)) / 255
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// xterm's 16 colours as its default resources define them; used only to pick the nearest.
    static let ansiColors: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The 6×6×6 cube's channel levels in the xterm-256 palette (indices 16…231).
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// Nearest entry of the cube or the 24-step grey ramp (232…255); the first 16 are skipped
    /// because users redefine them.
    static func nearestXterm256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        func level(_ v: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(v)) < abs(cubeLevels[$1] - Int(v)) } ?? 0
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 8 + 10 * greyStep
        let target = (Int(r), Int(g), Int(b))
        return distance(target, cube) <= distance(target, (grey, grey, grey))
            ? Int32(cubeIndex) : Int32(232 + greyStep)
    }

    static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, in palette: [(Int, Int, Int)]) -> Int32 {
        let target = (Int(r), Int(g), Int(b))
        let best = palette.indices.min { distance(target, palette[$0]) < distance(target, palette[$1]) } ?? 0
        return Int32(best)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
