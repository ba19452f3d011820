/// Why a theme file was rejected; every case names the file and, where there is one, line and key.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    /// Not TOML; `message` is the TOML parser's own words.
    case syntax(file: String, line: Int, message: String)
    case unknownRole(file: String, line: Int, key: String)
    case badColor(file: String, line: Int, key: String, value: String)
    case missingRoles(file: String, keys: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "theme \(file): cannot read it: \(reason)"
        case .syntax(let file, let line, let message):
            return "theme \(file):\(line): not valid TOML: \(message)"
        case .unknownRole(let file, let line, let key):
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            return "theme \(file):\(line): key `\(key)` is not a colour role (roles: \(roles))"
        case .badColor(let file, let line, let key, let value):
            return "theme \(file):\(line): key `\(key)`: `\(value)` is not a colour (use \"#rrggbb\" or \"default\")"
        case .missingRoles(let file, let keys):
            return "theme \(file): missing key(s) \(keys.joined(separator: ", "))"
        }
    }
}
