import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many terminal cells text takes, by the C library's `wcwidth` under a UTF-8 locale.
public enum DisplayWidth {
    /// A UTF-8 LC_CTYPE locale used only while measuring, so widths do not depend on the
    /// process locale (tests and `studio doctor` never call setlocale).
    nonisolated(unsafe) private static let utf8Locale: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if let loc = newlocale(LC_CTYPE_MASK, name, nil) { return loc }
        }
        return nil
    }()

    /// Cells taken by one grapheme: 0 for combining marks, 2 for wide (CJK, most emoji), 1 otherwise.
    /// Control and unprintable characters count as 1 because the canvas draws them as `�`.
    public static func of(_ character: Character) -> Int {
        return measure { width(of: character) }
    }

    /// Cells taken by a whole string.
    public static func of(_ text: String) -> Int {
        return measure { text.reduce(0) { $0 + width(of: $1) } }
    }

    /// The longest prefix of `text` that fits in `cells` columns (a wide character that would
    /// straddle the edge is left out).
    public static func clip(_ text: String, to cells: Int) -> String {
        guard cells > 0 else { return "" }
        return measure {
            var used = 0
            var end = text.startIndex
            for index in text.indices {
                let w = width(of: text[index])
                if used + w > cells { break }
                used += w
                end = text.index(after: index)
            }
            return String(text[..<end])
        }
    }

    /// Runs `body` with the UTF-8 locale current on this thread, then restores the previous one.
    static func measure<T>(_ body: () -> T) -> T {
        guard let loc = utf8Locale else { return body() }
        let previous = uselocale(loc)
        defer { uselocale(previous) }
        return body()
    }

    /// Width of one grapheme; callers hold the UTF-8 locale.
    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // An emoji presentation selector widens a narrow base (e.g. "❤️").
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        let w = Int(cn_wcwidth(first.value))
        if w < 0 { return 1 }
        return w
    }
}
