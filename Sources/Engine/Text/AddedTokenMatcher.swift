/// Finds a tokenizer's added tokens (BOS, EOS, and this checkpoint's pad token "!") in text, leftmost-longest,
/// the way the tokenizers library's added vocabulary cuts them out before BPE.
struct AddedTokenMatcher: Sendable {
    struct Token: Sendable {
        let scalars: [Unicode.Scalar]
        let id: Int32
    }

    /// A stretch of the text: an added token, or the text between tokens.
    enum Segment: Equatable {
        case token(Int32)
        case text(Range<Int>)
    }

    /// Longest first, so that the first token matching at a position is the longest one.
    private let tokens: [Token]

    init(tokens: [Token]) {
        self.tokens = tokens.filter { !$0.scalars.isEmpty }.sorted { $0.scalars.count > $1.scalars.count }
    }

    var isEmpty: Bool { tokens.isEmpty }

    /// Cuts `text[range]` into tokens and the text around them; empty text between tokens is left out.
    func segments(of text: [Unicode.Scalar], in range: Range<Int>) -> [Segment] {
        guard !tokens.isEmpty else { return range.isEmpty ? [] : [.text(range)] }
        var segments: [Segment] = []
        var textStart = range.lowerBound
        var position = range.lowerBound
        while position < range.upperBound {
            guard let token = longestToken(in: text, at: position, before: range.upperBound) else {
                position += 1
                continue
            }
            if textStart < position { segments.append(.text(textStart..<position)) }
            segments.append(.token(token.id))
            position += token.scalars.count
            textStart = position
        }
        if textStart < range.upperBound { segments.append(.text(textStart..<range.upperBound)) }
        return segments
    }

    @inline(__always)
    private func longestToken(in text: [Unicode.Scalar], at position: Int, before end: Int) -> Token? {
        let first = text[position]
        for token in tokens where token.scalars[0] == first && position + token.scalars.count <= end {
            if text[position..<position + token.scalars.count].elementsEqual(token.scalars) { return token }
        }
        return nil
    }
}
