/// Counts a prompt's tokens for the Prompt pane's `N/77` badge (CLIP reads at most 77, start and
/// end tokens included); the studio passes the real CLIP tokenizer once one is loaded.
struct TokenCounter {
    /// CLIP's context length.
    static let limit = 77

    var count: (String) -> Int
    /// False for the estimate; the badge then reads `~N/77`.
    var isExact: Bool

    /// A rough stand-in used until the CLIP tokenizer is wired in: one token per run of letters or
    /// digits and per punctuation mark, plus start and end. Real BPE splits rare words further,
    /// so this undercounts them.
    static let estimate = TokenCounter(count: { text in
        var tokens = 2
        var inWord = false
        for character in text {
            if character.isLetter || character.isNumber {
                if !inWord { tokens += 1 }
                inWord = true
            } else {
                inWord = false
                if !character.isWhitespace { tokens += 1 }
            }
        }
        return tokens
    }, isExact: false)

    /// The badge text, e.g. `14/77` or `~14/77`.
    func badge(for text: String) -> String {
        (isExact ? "" : "~") + "\(count(text))/\(Self.limit)"
    }
}
