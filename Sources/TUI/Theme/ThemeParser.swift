/// Reads the TOML subset theme files use: `role = "#rrggbb"` lines, `#` comments and blank lines.
///
/// A stop-gap until the package can depend on TOMLKit; files written for it stay valid TOML.
public enum ThemeParser {
    /// Parses theme text; `file` is only used in error messages. Every role must be set exactly once.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        var colors: [Role: ThemeColor] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = stripComment(String(rawLine)).trimmingWhitespace()
            if line.isEmpty { continue }
            let shown = String(rawLine).trimmingWhitespace()
            guard let equals = line.firstIndex(of: "=") else {
                throw ThemeError.syntax(file: file, line: lineNumber, text: shown)
            }
            let key = String(line[..<equals]).trimmingWhitespace()
            let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            guard !key.isEmpty, value.count >= 2, value.first == "\"", value.last == "\"" else {
                throw ThemeError.syntax(file: file, line: lineNumber, text: shown)
            }
            guard let role = Role(rawValue: key) else {
                throw ThemeError.unknownRole(file: file, line: lineNumber, key: key)
            }
            let literal = String(value.dropFirst().dropLast())
            guard let color = ThemeColor(parsing: literal) else {
                throw ThemeError.badColor(file: file, line: lineNumber, key: key, value: literal)
            }
            guard colors[role] == nil else {
                throw ThemeError.duplicate(file: file, line: lineNumber, key: key)
            }
            colors[role] = color
        }
        let missing = Role.allCases.filter { colors[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else { throw ThemeError.missingRoles(file: file, keys: missing) }
        return Theme(name: name, colors: colors)
    }

    /// Drops a `#` comment that is outside a string (the colour itself starts with `#`).
    static func stripComment(_ line: String) -> String {
        var inString = false
        for index in line.indices {
            switch line[index] {
            case "\"": inString.toggle()
            case "#" where !inString: return String(line[..<index])
            default: break
            }
        }
        return line
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
