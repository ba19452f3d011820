/// A colour role a theme assigns a colour to; widgets name roles, never colours.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case background, text, muted, accent, border
    case borderFocused = "border_focused"
    case selection, progress
    case progressTrack = "progress_track"
    case error, warning, ok
}

/// How a cell is drawn: foreground and background roles plus text attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Role
    public var background: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ foreground: Role = .text, on background: Role = .background,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let muted = Style(.muted)
    public static let accent = Style(.accent, bold: true)
    public static let border = Style(.border)
    public static let borderFocused = Style(.borderFocused, bold: true)
    public static let selected = Style(.text, on: .selection)
    public static let error = Style(.error, bold: true)
    public static let warning = Style(.warning)
    public static let ok = Style(.ok)
}
