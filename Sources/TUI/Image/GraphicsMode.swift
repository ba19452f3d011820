/// How the preview pane shows pictures.
public enum GraphicsMode: String, CaseIterable, Equatable, Sendable, CustomStringConvertible {
    /// DEC sixel bitmaps written straight to the terminal after curses draws.
    case sixel
    /// Coloured U+2580 half blocks drawn through curses.
    case blocks
    /// No pictures: the pane describes the clip in words.
    case none

    /// The mode to use: the user's choice when given, else sixel when the terminal's DA1 reply lists
    /// it, else blocks when there is colour, else none.
    public static func resolve(requested: GraphicsMode?, terminalHasSixel: Bool, colorDepth: ColorDepth) -> GraphicsMode {
        if let requested { return requested }
        if terminalHasSixel { return .sixel }
        return colorDepth == .monochrome ? .none : .blocks
    }

    public var description: String { rawValue }
}
