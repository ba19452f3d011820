/// Finds the line on which a TOML file sets a key, for error messages: TOMLKit reports lines for
/// syntax errors only, and a user fixing `steps = "many"` wants to be sent to that line.
public enum TOMLKeyLine {
    /// The 1-based line that sets `key` inside `[table]` (nil: the top level), or nil when no line
    /// does (the key came from an inline table or a dotted key written some other way).
    public static func find(_ key: String, table: String? = nil, in text: String) -> Int? {
        var current: String?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }
                current = name.trimmingCharacters(in: " \t\"'")
                continue
            }
            guard current == table else { continue }
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(spelling) {
                let rest = line.dropFirst(spelling.count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") { return offset + 1 }
            }
        }
        return nil
    }

    /// The 1-based line of the `[name]` header, or nil when the file has none.
    public static func tableLine(_ name: String, in text: String) -> Int? {
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            guard line.hasPrefix("["), !line.hasPrefix("[[") else { continue }
            if line.dropFirst().prefix(while: { $0 != "]" }).trimmingCharacters(in: " \t\"'") == name { return offset + 1 }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
