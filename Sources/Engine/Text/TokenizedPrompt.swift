/// A prompt as the text encoder takes it: exactly `maxLength` ids (BOS, content, EOS, padding), how many
/// of them carry the prompt, and what was cut off.
public struct TokenizedPrompt: Equatable, Sendable {
    /// Exactly the tokenizer's `maxLength` ids (77), padding included.
    public let ids: [Int32]
    /// Tokens used, BOS and EOS included (at most `maxLength`).
    public let count: Int
    /// The text that did not fit, decoded from the dropped tokens; "" when everything fit.
    public let truncatedText: String

    public init(ids: [Int32], count: Int, truncatedText: String) {
        self.ids = ids
        self.count = count
        self.truncatedText = truncatedText
    }
}
