import CNcurses

/// Turns what ncurses' `get_wch` returns (a character or a KEY_ code) into `Key` values.
public enum KeyDecoder {
    /// One raw read from `get_wch`: either a wide character or a function-key code.
    public enum Raw: Equatable, Sendable {
        case character(UInt32)
        case keyCode(Int32)
    }

    /// Decodes a batch of raw reads, folding Esc followed by a character into Alt-character
    /// (that is how terminals send Meta; a person cannot type Esc and a letter within one read).
    public static func decode(_ raws: [Raw]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < raws.count {
            let key = decode(raws[index])
            if key == .escape, index + 1 < raws.count, case .character(let c) = decode(raws[index + 1]) {
                keys.append(.alt(c))
                index += 2
                continue
            }
            keys.append(key)
            index += 1
        }
        return keys
    }

    /// Decodes a single raw read.
    public static func decode(_ raw: Raw) -> Key {
        switch raw {
        case .character(let value): return decodeCharacter(value)
        case .keyCode(let code): return decodeKeyCode(code)
        }
    }

    static func decodeCharacter(_ value: UInt32) -> Key {
        switch value {
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x00: return .control("@")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(value + 0x60))))
        case 0x1C...0x1F: return .control(Character(Unicode.Scalar(UInt8(value + 0x40))))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown(Int32(bitPattern: value)) }
            return .character(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case cn_key_f(1)...cn_key_f(63): return .function(Int(code - cn_key_f(0)))
        default: return .unknown(code)
        }
    }
}
