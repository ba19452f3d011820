/// Splits normalised text into the pieces BPE runs on, exactly as CLIP's pre-tokenisation regex
/// `<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+`
/// followed by transformers' byte-level pre-tokeniser (which re-splits with GPT-2's regex).
///
/// A hand-written scanner instead of a regex engine: it tries the alternatives in the same order at each
/// position, whitespace is dropped, and it allocates nothing per character.
enum CLIPPreTokenizer {
    /// The pieces of `text`, as ranges of its indices, in order.
    static func pieces(of text: [Unicode.Scalar]) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var position = 0
        let end = text.count
        while position < end {
            let scalar = text[position]
            if scalar.properties.isWhitespace {
                position += 1
                continue
            }
            if let nameLength = specialNameLength(in: text, at: position) {
                // The regex keeps `<|endoftext|>` whole, but GPT-2's regex in the byte-level step then cuts
                // it into `<|`, the name, and `|>`.
                pieces.append(position..<position + 2)
                pieces.append(position + 2..<position + 2 + nameLength)
                pieces.append(position + 2 + nameLength..<position + 4 + nameLength)
                position += 4 + nameLength
                continue
            }
            if let length = contractionLength(in: text, at: position) {
                pieces.append(position..<position + length)
                position += length
                continue
            }
            let start = position
            switch CharacterClass(scalar) {
            case .letter:
                repeat { position += 1 } while position < end && CharacterClass(text[position]) == .letter
            case .number:
                position += 1
            case .other:
                repeat { position += 1 } while position < end && CharacterClass(text[position]) == .other
            case .whitespace:
                preconditionFailure("whitespace is skipped above")
            }
            pieces.append(start..<position)
        }
        return pieces
    }

    /// The regex's character classes: `\s`, `\p{L}`, `\p{N}`, and everything else.
    enum CharacterClass {
        case whitespace, letter, number, other

        @inline(__always)
        init(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A, 0x61...0x7A: self = .letter
                case 0x30...0x39: self = .number
                case 0x09...0x0D, 0x20: self = .whitespace
                default: self = .other
                }
                return
            }
            if scalar.properties.isWhitespace {
                self = .whitespace
                return
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                self = Self.isKnownToRegex(scalar) ? .letter : .other
            case .decimalNumber, .letterNumber, .otherNumber:
                self = Self.isKnownToRegex(scalar) ? .number : .other
            default:
                self = .other
            }
        }

        /// The Unicode version of the regex engine transformers uses (Oniguruma in tokenizers 0.23); this
        /// standard library's tables may be newer (Swift 6.3 has Unicode 17).
        static let regexUnicodeVersion = (major: 16, minor: 0)

        /// Characters assigned after the regex engine's Unicode version are unassigned to it, so neither
        /// letters nor numbers.
        @inline(__always)
        private static func isKnownToRegex(_ scalar: Unicode.Scalar) -> Bool {
            guard let age = scalar.properties.age else { return false }
            return age.major < regexUnicodeVersion.major
                || (age.major == regexUnicodeVersion.major && age.minor <= regexUnicodeVersion.minor)
        }
    }

    private static let specialNames: [[Unicode.Scalar]] = [
        Array("startoftext".unicodeScalars), Array("endoftext".unicodeScalars),
    ]

    /// The length of the name when `<|startoftext|>` or `<|endoftext|>` starts at `position`.
    private static func specialNameLength(in text: [Unicode.Scalar], at position: Int) -> Int? {
        guard text[position] == "<", position + 1 < text.count, text[position + 1] == "|" else { return nil }
        for name in specialNames {
            let nameStart = position + 2
            let nameEnd = nameStart + name.count
            guard nameEnd + 2 <= text.count, text[nameEnd] == "|", text[nameEnd + 1] == ">" else { continue }
            if text[nameStart..<nameEnd].elementsEqual(name) { return name.count }
        }
        return nil
    }

    /// The length of `'s`, `'t`, `'re`, `'ve`, `'m`, `'ll` or `'d` at `position`, tried in that order.
    private static func contractionLength(in text: [Unicode.Scalar], at position: Int) -> Int? {
        guard text[position] == "'", position + 1 < text.count else { return nil }
        let first = text[position + 1]
        let second: Unicode.Scalar? = position + 2 < text.count ? text[position + 2] : nil
        switch first {
        case "s", "t", "m", "d": return 2
        case "r" where second == "e": return 3
        case "v" where second == "e": return 3
        case "l" where second == "l": return 3
        default: return nil
        }
    }
}
