/// CLIP's text normalisation as transformers' CLIPTokenizer applies it: Unicode NFC, then every run of
/// whitespace to one space, then lowercase, character by character.
enum TextNormalizer {
    static func normalize(_ text: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.count)
        var previousWasWhitespace = false
        for scalar in canonicallyComposed(text) {
            if scalar.properties.isWhitespace {
                if !previousWasWhitespace { result.append(" ") }
                previousWasWhitespace = true
                continue
            }
            previousWasWhitespace = false
            appendLowercased(scalar, to: &result)
        }
        return result
    }

    /// The Unicode version of the NFC tables transformers uses (the `unicode-normalization-alignments`
    /// crate inside tokenizers 0.23): characters assigned later have, for it, no decomposition and
    /// combining class 0. Found by probing: U+1DFB (9.0) reorders, U+1DF6 (10.0) does not.
    static let nfcUnicodeVersion = (major: 9, minor: 0)

    /// NFC as transformers computes it. A character the old tables do not know acts as a starter that
    /// never combines, so NFC cannot reach across it: each run between such characters is normalised on
    /// its own, and the unknown characters are kept as they are.
    static func canonicallyComposed(_ text: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        // Below U+0300 nothing composes, decomposes or reorders, so such text is already NFC.
        if text.allSatisfy({ $0.value < 0x300 }) { return Array(text) }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.count)
        var runStart = text.startIndex
        for index in text.indices where isUnknownToNFCTables(text[index]) {
            appendComposed(text[runStart..<index], to: &result)
            result.append(text[index])
            runStart = index + 1
        }
        appendComposed(text[runStart..<text.endIndex], to: &result)
        return result
    }

    @inline(__always)
    private static func isUnknownToNFCTables(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300, let age = scalar.properties.age else { return false }
        return age.major > nfcUnicodeVersion.major
            || (age.major == nfcUnicodeVersion.major && age.minor > nfcUnicodeVersion.minor)
    }

    private static func appendComposed(_ run: ArraySlice<Unicode.Scalar>, to result: inout [Unicode.Scalar]) {
        guard !run.isEmpty else { return }
        if run.allSatisfy({ $0.value < 0x300 }) {
            result.append(contentsOf: run)
            return
        }
        var view = String.UnicodeScalarView()
        for scalar in run {
            if let expansion = nonStarterDecompositions[scalar.value] {
                view.append(contentsOf: expansion)
            } else {
                view.append(scalar)
            }
        }
        // The standard library's NFC: its tables are newer but agree on every older character. It is only
        // public under an underscored name (macOS 13+); Foundation's NFC on Linux misses compositions
        // such as U+0CCA U+0CD5 → U+0CCB, which transformers makes.
        result.append(contentsOf: String(decoding: String(view)._nfcCodeUnits, as: UTF8.self).unicodeScalars)
    }

    /// Unicode's non-starter decompositions (DerivedNormalizationProps), none of which NFC recomposes.
    /// The standard library's NFC (Swift 6.3) leaves e.g. U+0F81's expansion unsorted against combining
    /// marks before it, so they are expanded here first; NFC of the canonically equivalent text is the same.
    private static let nonStarterDecompositions: [UInt32: [Unicode.Scalar]] = [
        0x0340: ["\u{0300}"], 0x0341: ["\u{0301}"], 0x0343: ["\u{0313}"], 0x0344: ["\u{0308}", "\u{0301}"],
        0x0F73: ["\u{0F71}", "\u{0F72}"], 0x0F75: ["\u{0F71}", "\u{0F74}"], 0x0F81: ["\u{0F71}", "\u{0F80}"],
    ]

    /// The full (unconditional) lowercase mapping of one character, like Rust's `char::to_lowercase`:
    /// no context-dependent rules, so a final capital sigma becomes σ, not ς.
    @inline(__always)
    private static func appendLowercased(_ scalar: Unicode.Scalar, to result: inout [Unicode.Scalar]) {
        let value = scalar.value
        if value < 0x80 {
            let isUppercaseASCII = value >= 0x41 && value <= 0x5A
            result.append(isUppercaseASCII ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
        } else if scalar.properties.changesWhenLowercased {
            result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        } else {
            result.append(scalar)
        }
    }
}
