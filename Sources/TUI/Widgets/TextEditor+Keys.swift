/// The keys a text field understands, as one table that both handling and help read.
extension TextEditor {
    /// Something a key does to a text field.
    public enum Command: CaseIterable, Sendable {
        case left, right, lineStart, lineEnd, wordBackward, wordForward
        case deleteBackward, deleteForward, killToLineEnd, killToLineStart
        case deleteWordBackward, deleteWordForward, yank, undo, newline

        public var help: String {
            switch self {
            case .left: return "cursor left"
            case .right: return "cursor right"
            case .lineStart: return "start of line"
            case .lineEnd: return "end of line"
            case .wordBackward: return "previous word"
            case .wordForward: return "next word"
            case .deleteBackward: return "delete before cursor"
            case .deleteForward: return "delete under cursor"
            case .killToLineEnd: return "delete to end of line"
            case .killToLineStart: return "delete to start of line"
            case .deleteWordBackward: return "delete previous word"
            case .deleteWordForward: return "delete next word"
            case .yank: return "paste what was last deleted"
            case .undo: return "undo"
            case .newline: return "new line"
            }
        }
    }

    /// Every key a text field handles besides typing, and what it does.
    public static let keyBindings: [(key: Key, command: Command)] = [
        (.left, .left), (.control("b"), .left),
        (.right, .right), (.control("f"), .right),
        (.home, .lineStart), (.control("a"), .lineStart),
        (.end, .lineEnd), (.control("e"), .lineEnd),
        (.alt("b"), .wordBackward), (.alt("f"), .wordForward),
        (.backspace, .deleteBackward),
        (.delete, .deleteForward), (.control("d"), .deleteForward),
        (.control("k"), .killToLineEnd), (.control("u"), .killToLineStart),
        (.control("w"), .deleteWordBackward), (.alt("d"), .deleteWordForward),
        (.control("y"), .yank),
        (.control("z"), .undo), (.control("_"), .undo),
        (.enter, .newline),
    ]

    /// Help rows: each command once, with all of its keys (`←, Ctrl-B  cursor left`).
    public static var keyHelp: [KeyHelp] {
        Command.allCases.map { command in
            KeyHelp(keys: keyBindings.filter { $0.command == command }.map(\.key.label).joined(separator: ", "),
                    action: command.help)
        }
    }

    /// Applies a key; false when the key means nothing to a text field (the caller may use it).
    public mutating func handle(_ key: Key) -> Bool {
        if case .character(let c) = key {
            insert(String(c))
            return true
        }
        guard let command = Self.keyBindings.first(where: { $0.key == key })?.command else { return false }
        perform(command)
        return true
    }

    public mutating func perform(_ command: Command) {
        switch command {
        case .left: moveLeft()
        case .right: moveRight()
        case .lineStart: moveToLineStart()
        case .lineEnd: moveToLineEnd()
        case .wordBackward: moveWordBackward()
        case .wordForward: moveWordForward()
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .killToLineEnd: killToLineEnd()
        case .killToLineStart: killToLineStart()
        case .deleteWordBackward: deleteWordBackward()
        case .deleteWordForward: deleteWordForward()
        case .yank: yank()
        case .undo: undo()
        case .newline: insert("\n")
        }
    }
}

/// One row of a help listing: the keys and what they do.
public struct KeyHelp: Equatable, Sendable {
    public var keys: String
    public var action: String
    public init(keys: String, action: String) {
        self.keys = keys
        self.action = action
    }
}
