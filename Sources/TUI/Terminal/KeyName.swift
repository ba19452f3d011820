extension Key {
    /// A key from the way a person writes it in a config file: `ctrl-g`, `alt-x`, `f5`, `enter`,
    /// `esc`, `shift-tab`, `pgdn`, `space`, or one character such as `q` or `?`. Case does not matter
    /// for names and modifiers; a lone character keeps its case (`S` is not `s`). Nil when unknown.
    public init?(name: String) {
        if name.count == 1, let character = name.first {
            self = .character(character)
            return
        }
        let lower = name.lowercased()
        for (prefix, make) in [("ctrl-", Key.control), ("c-", Key.control), ("alt-", Key.alt), ("m-", Key.alt)]
        where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let character = rest.first, character.isASCII, !character.isWhitespace else { return nil }
            self = make(character)
            return
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...24).contains(number) {
            self = .function(number)
            return
        }
        guard let named = Self.names[lower] else { return nil }
        self = named
    }

    static let names: [String: Key] = [
        "enter": .enter, "return": .enter, "tab": .tab, "shift-tab": .backTab, "backtab": .backTab,
        "esc": .escape, "escape": .escape, "backspace": .backspace, "delete": .delete, "del": .delete,
        "insert": .insert, "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown, "space": .character(" "),
    ]
}
