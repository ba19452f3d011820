/// What a terminal answered to the startup query burst, parsed from the raw reply bytes.
public struct ProbeReplies: Equatable, Sendable {
    /// A size in pixels.
    public struct PixelSize: Equatable, Sendable, CustomStringConvertible {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
        public var description: String { "\(width)×\(height) px" }
    }

    /// DA1 attributes (`CSI ? 62 ; 4 ; 22 c` → [62, 4, 22]); nil when DA1 never answered.
    public var deviceAttributes: [Int]?
    /// Sixel colour registers from XTSMGRAPHICS (Pi 1), when the terminal reported success.
    public var colorRegisters: Int?
    /// Largest sixel image from XTSMGRAPHICS (Pi 2, read maximum), when reported.
    public var sixelMaxGeometry: PixelSize?
    /// One cell in pixels, from `CSI 16 t` (reply `CSI 6 ; height ; width t`).
    public var cellPixels: PixelSize?
    /// The text area in pixels, from `CSI 14 t` (reply `CSI 4 ; height ; width t`).
    public var textAreaPixels: PixelSize?
    /// The text area in cells, from `CSI 18 t` (reply `CSI 8 ; rows ; columns t`).
    public var textAreaCells: TerminalSize?

    public init() {}

    /// Sixel graphics are on offer only when DA1 lists attribute 4 — never guessed from TERM.
    public var supportsSixel: Bool { deviceAttributes?.contains(4) ?? false }

    /// Parses every control sequence in `bytes`, ignoring anything it does not know (other replies,
    /// keys the user typed meanwhile). XTSMGRAPHICS answers without sixel in DA1 are dropped,
    /// as a terminal that does not draw sixels has no meaningful registers.
    public static func parse(_ bytes: [UInt8]) -> ProbeReplies {
        var replies = ProbeReplies()
        for sequence in ControlSequence.all(in: bytes) {
            replies.absorb(sequence)
        }
        if !replies.supportsSixel {
            replies.colorRegisters = nil
            replies.sixelMaxGeometry = nil
        }
        return replies
    }

    /// True once `bytes` holds the DA1 reply that ends the burst.
    public static func containsDeviceAttributes(_ bytes: [UInt8]) -> Bool {
        ControlSequence.all(in: bytes).contains { $0.isDeviceAttributes }
    }

    private mutating func absorb(_ sequence: ControlSequence) {
        let p = sequence.parameters
        switch (sequence.privateMarker, sequence.final) {
        case (UInt8(ascii: "?"), UInt8(ascii: "c")):
            deviceAttributes = p.compactMap { $0 }
        case (UInt8(ascii: "?"), UInt8(ascii: "S")):
            // CSI ? Pi ; Ps ; Pv… S, Ps 0 = success.
            guard p.count >= 3, p[1] == 0 else { return }
            if p[0] == 1, let registers = p[2] { colorRegisters = registers }
            if p[0] == 2, p.count >= 4, let w = p[2], let h = p[3] { sixelMaxGeometry = PixelSize(width: w, height: h) }
        case (nil, UInt8(ascii: "t")):
            guard p.count >= 3, let a = p[1], let b = p[2], a > 0, b > 0 else { return }
            switch p[0] {
            case 6: cellPixels = PixelSize(width: b, height: a)
            case 4: textAreaPixels = PixelSize(width: b, height: a)
            case 8: textAreaCells = TerminalSize(rows: a, columns: b)
            default: break
            }
        default:
            break
        }
    }
}

/// One CSI sequence cut out of a byte stream: `ESC [` (or 8-bit CSI), an optional private marker
/// (`?`, `>`, `<`, `=`), numeric parameters separated by `;`, and a final byte.
struct ControlSequence: Equatable {
    var privateMarker: UInt8?
    /// nil marks an empty parameter (`CSI ;5 t`).
    var parameters: [Int?]
    var final: UInt8

    var isDeviceAttributes: Bool { privateMarker == UInt8(ascii: "?") && final == UInt8(ascii: "c") }

    static func all(in bytes: [UInt8]) -> [ControlSequence] {
        var found: [ControlSequence] = []
        var index = 0
        while index < bytes.count {
            let start: Int
            if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                start = index + 2
            } else if bytes[index] == 0x9B {
                start = index + 1
            } else {
                index += 1
                continue
            }
            guard let (sequence, next) = parse(bytes, from: start) else {
                index = start
                continue
            }
            found.append(sequence)
            index = next
        }
        return found
    }

    /// Parses from just after the introducer; nil when the sequence is cut off or malformed.
    private static func parse(_ bytes: [UInt8], from start: Int) -> (ControlSequence, Int)? {
        var index = start
        var marker: UInt8?
        if index < bytes.count, [UInt8(ascii: "?"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "=")].contains(bytes[index]) {
            marker = bytes[index]
            index += 1
        }
        var parameters: [Int?] = []
        var current: Int?
        var sawAny = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                current = min((current ?? 0) * 10 + digit, 1_000_000_000)
                sawAny = true
            case UInt8(ascii: ";"), UInt8(ascii: ":"):
                parameters.append(current)
                current = nil
                sawAny = true
            case 0x20...0x2F:
                break  // intermediates: none of our replies use them
            case 0x40...0x7E:
                if sawAny { parameters.append(current) }
                return (ControlSequence(privateMarker: marker, parameters: parameters, final: byte), index + 1)
            default:
                return nil
            }
            index += 1
        }
        return nil
    }
}
