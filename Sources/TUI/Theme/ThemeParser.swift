import TOMLKit

/// Reads a theme file: a TOML table of `role = "#rrggbb"` (or `"default"`) entries, one per `Role`.
public enum ThemeParser {
    /// Parses theme text; `file` is only used in error messages. Every role must be set exactly once.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError.syntax(file: file, line: error.source.begin.line, message: error.description)
        }
        var colors: [Role: ThemeColor] = [:]
        // The first problem in the file's own order is the one reported.
        let keys = table.keys.map { (key: $0, line: TOMLKeyLine.find($0, in: text) ?? 0) }.sorted { $0.line < $1.line }
        for (key, line) in keys {
            guard let role = Role(rawValue: key) else {
                throw ThemeError.unknownRole(file: file, line: line, key: key)
            }
            guard let value = table[key], let literal = value.string, let color = ThemeColor(parsing: literal) else {
                let shown = table[key].map { $0.string ?? $0.debugDescription } ?? ""
                throw ThemeError.badColor(file: file, line: line, key: key, value: shown)
            }
            colors[role] = color
        }
        let missing = Role.allCases.filter { colors[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else { throw ThemeError.missingRoles(file: file, keys: missing) }
        return Theme(name: name, colors: colors)
    }
}
