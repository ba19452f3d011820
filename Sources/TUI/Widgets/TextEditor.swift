/// The editable text of one field: graphemes, a cursor, undo history and a kill buffer.
///
/// Positions count graphemes (`Character`s), so the cursor never lands inside an emoji or a
/// letter with its accent. Rendering and vertical motion live in `TextLayout`.
public struct TextEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Index in `characters` the next insertion goes before (0…count).
    public private(set) var cursor: Int
    /// Display column vertical motion tries to keep (reset by every other command).
    var goalColumn: Int?
    private var undoStack: [Snapshot] = []
    private var lastEdit: EditKind?
    private var killBuffer = ""
    private var lastTypedWasWhitespace = false

    private struct Snapshot: Equatable, Sendable {
        var characters: [Character]
        var cursor: Int
    }

    /// Edits of one kind in a row are undone together (typing a word is one step).
    private enum EditKind: Equatable, Sendable {
        case typing, deletingBackward, deletingForward, other
    }

    /// Undo keeps this many steps.
    public static let undoLimit = 200

    public init(text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    public var canUndo: Bool { !undoStack.isEmpty }

    /// Replaces the whole text (e.g. when loading settings), as one undoable step.
    public mutating func setText(_ text: String) {
        record(.other)
        characters = Array(text)
        cursor = characters.count
        lastEdit = nil
    }


    /// Inserts text at the cursor. Typed characters group into one undo step per word (with the
    /// spaces after it); a paste or a newline is a step of its own.
    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        if text.count == 1, let c = text.first, c != "\n" {
            if !c.isWhitespace && lastTypedWasWhitespace { lastEdit = nil }
            record(.typing)
            lastTypedWasWhitespace = c.isWhitespace
        } else {
            record(.other)
            lastEdit = nil
        }
        characters.insert(contentsOf: Array(text), at: cursor)
        cursor += text.count
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        record(.deletingBackward)
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        record(.deletingForward)
        characters.remove(at: cursor)
    }

    /// Ctrl-K: deletes to the end of the line, or joins the next line when already there.
    public mutating func killToLineEnd() {
        let end = lineEnd(from: cursor)
        kill(cursor..<(end == cursor && end < characters.count ? end + 1 : end))
    }

    /// Ctrl-U: deletes from the start of the line to the cursor.
    public mutating func killToLineStart() {
        kill(lineStart(from: cursor)..<cursor)
    }

    /// Ctrl-W: deletes back to the previous whitespace, as shells do.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        kill(start..<cursor)
    }

    /// Alt-D: deletes to the end of the next word.
    public mutating func deleteWordForward() {
        kill(cursor..<wordEnd(from: cursor))
    }

    /// Ctrl-Y: inserts the text the last kill removed.
    public mutating func yank() {
        guard !killBuffer.isEmpty else { return }
        record(.other)
        characters.insert(contentsOf: Array(killBuffer), at: cursor)
        cursor += killBuffer.count
        lastEdit = nil
    }

    /// Restores the text and cursor from before the last edit step.
    public mutating func undo() {
        guard let snapshot = undoStack.popLast() else { return }
        characters = snapshot.characters
        cursor = snapshot.cursor
        lastEdit = nil
        goalColumn = nil
    }


    public mutating func moveLeft() { move(to: cursor - 1) }
    public mutating func moveRight() { move(to: cursor + 1) }
    public mutating func moveToLineStart() { move(to: lineStart(from: cursor)) }
    public mutating func moveToLineEnd() { move(to: lineEnd(from: cursor)) }
    public mutating func moveToStart() { move(to: 0) }
    public mutating func moveToEnd() { move(to: characters.count) }

    /// Alt-B: to the start of this or the previous word (letters, digits and `_` make words).
    public mutating func moveWordBackward() {
        var index = cursor
        while index > 0, !Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0, Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        move(to: index)
    }

    /// Alt-F: to the end of this or the next word.
    public mutating func moveWordForward() {
        move(to: wordEnd(from: cursor))
    }

    /// Places the cursor (clamped) without touching the text; used by motions and `TextLayout`.
    public mutating func move(to index: Int, keepingGoalColumn: Bool = false) {
        cursor = min(max(0, index), characters.count)
        lastEdit = nil
        if !keepingGoalColumn { goalColumn = nil }
    }


    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    func lineStart(from index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    func lineEnd(from index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i] != "\n" { i += 1 }
        return i
    }

    private func wordEnd(from index: Int) -> Int {
        var i = index
        while i < characters.count, !Self.isWordCharacter(characters[i]) { i += 1 }
        while i < characters.count, Self.isWordCharacter(characters[i]) { i += 1 }
        return i
    }

    private mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        record(.other)
        killBuffer = String(characters[range])
        characters.removeSubrange(range)
        cursor = range.lowerBound
        lastEdit = nil
    }

    /// Saves the state before an edit unless it continues the previous edit of the same kind.
    private mutating func record(_ kind: EditKind) {
        goalColumn = nil
        if kind != .other, kind == lastEdit { return }
        undoStack.append(Snapshot(characters: characters, cursor: cursor))
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
        lastEdit = kind
    }
}
