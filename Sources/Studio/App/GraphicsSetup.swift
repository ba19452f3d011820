import TUI

/// What the studio knows about drawing pictures before curses starts: the user's `--graphics` choice
/// and what the terminal probe found.
struct GraphicsSetup: Equatable {
    /// nil lets the probe decide.
    var requested: GraphicsMode?
    /// The probe's replies; nil when the terminal was not probed (or did not answer).
    var probe: TerminalProbe.Result?

    var terminalHasSixel: Bool { probe?.replies.supportsSixel ?? false }

    /// Palette size for sixel: the colour registers the terminal reported (at most 256), else 256.
    var colorRegisters: Int { min(256, max(2, probe?.replies.colorRegisters ?? 256)) }

    /// The largest sixel the terminal accepts, when it said (XTSMGRAPHICS).
    var sixelMaxPixels: ProbeReplies.PixelSize? { probe?.replies.sixelMaxGeometry }

    /// The mode for a terminal that shows `colorDepth`.
    func mode(colorDepth: ColorDepth) -> GraphicsMode {
        GraphicsMode.resolve(requested: requested, terminalHasSixel: terminalHasSixel, colorDepth: colorDepth)
    }

    /// One cell's pixels for a window of `cells`: the kernel's pixel size now (it follows font changes
    /// and resizes), else what the probe heard.
    func cellPixels(cells: TerminalSize, windowPixels: ProbeReplies.PixelSize?) -> CellPixelSize? {
        CellPixelSize.resolve(windowPixels: windowPixels, cells: cells, replies: probe?.replies ?? ProbeReplies())
    }

    /// The preview pane's lines about graphics when it has nothing to show.
    func summary(mode: GraphicsMode, colorDepth: ColorDepth, colorTerm: String?, cellPixels: CellPixelSize?) -> [String] {
        switch mode {
        case .sixel:
            var lines = ["pictures: sixel, \(colorRegisters) colours" + (requested == .sixel ? " (forced)" : "")]
            if let cellPixels { lines.append("cell \(cellPixels.width)×\(cellPixels.height) px") } else {
                lines.append("cell size unknown: assuming 10×20 px")
            }
            return lines
        case .blocks:
            // ncurses sends 24-bit colour only when terminfo says so; COLORTERM alone gets it past curses.
            let depth = ColorDepth.forPictures(curses: colorDepth, colorTerm: colorTerm)
            return ["pictures: half blocks, \(depth)" + (depth != colorDepth ? " (COLORTERM)" : "")]
        case .none:
            return ["pictures off (--graphics none)"]
        }
    }
}
