/// Why a theme file was rejected; every case names the file and, where there is one, line and key.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, text: String)
    case unknownRole(file: String, line: Int, key: String)
    case badColor(file: String, line: Int, key: String, value: String)
    case duplicate(file: String, line: Int, key: String)
    case missingRoles(file: String, keys: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "theme \(file): cannot read it: \(reason)"
        case .syntax(let file, let line, let text):
            return "theme \(file):\(line): expected `key = \"#rrggbb\"`, found `\(text)`"
        case .unknownRole(let file, let line, let key):
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            return "theme \(file):\(line): key `\(key)` is not a colour role (roles: \(roles))"
        case .badColor(let file, let line, let key, let value):
            return "theme \(file):\(line): key `\(key)`: `\(value)` is not a colour (use \"#rrggbb\" or \"default\")"
        case .duplicate(let file, let line, let key):
            return "theme \(file):\(line): key `\(key)` is set twice"
        case .missingRoles(let file, let keys):
            return "theme \(file): missing key(s) \(keys.joined(separator: ", "))"
        }
    }
}
