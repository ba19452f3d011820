/// A named set of colours, one per `Role`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var colors: [Role: ThemeColor]

    public init(name: String, colors: [Role: ThemeColor]) {
        self.name = name
        self.colors = colors
    }

    public func color(_ role: Role) -> ThemeColor {
        colors[role] ?? .terminalDefault
    }

    /// The theme used when no theme file can be read; `themes/default.toml` holds the same colours
    /// (a test keeps the two equal).
    public static let builtIn = Theme(name: "default", colors: [
        .background: .terminalDefault,
        .text: .terminalDefault,
        .muted: .rgb(red: 0x8a, green: 0x8f, blue: 0x98),
        .accent: .rgb(red: 0x5f, green: 0xaf, blue: 0xff),
        .border: .rgb(red: 0x58, green: 0x5e, blue: 0x68),
        .borderFocused: .rgb(red: 0x5f, green: 0xaf, blue: 0xff),
        .selection: .rgb(red: 0x30, green: 0x3a, blue: 0x4a),
        .progress: .rgb(red: 0x87, green: 0xd7, blue: 0x87),
        .progressTrack: .rgb(red: 0x3a, green: 0x3f, blue: 0x47),
        .error: .rgb(red: 0xff, green: 0x5f, blue: 0x5f),
        .warning: .rgb(red: 0xff, green: 0xd7, blue: 0x5f),
        .ok: .rgb(red: 0x87, green: 0xd7, blue: 0x87),
    ])
}
