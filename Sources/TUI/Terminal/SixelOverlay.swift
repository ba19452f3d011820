/// The sixels on screen (the preview and the grid's thumbnails), which curses knows nothing of: for each
/// new screen it says which rows curses must repaint and which sixels to send, and makes the bytes that
/// put a sixel at its cell.
///
/// Writing characters over sixel pixels is the portable way to erase them, so a sixel that moves or goes
/// has its rows repainted by curses; those whole rows lose any other sixel's pixels too, so every sixel
/// touching them is sent again. A sixel that stays where it was, unchanged, is not sent again.
struct SixelOverlay {
    /// Which rows to repaint before curses refreshes, and which sixels to send after.
    struct Update: Equatable {
        var repaintRows: [Range<Int>]
        var send: [SixelPicture]
    }

    private(set) var shown: [SixelPicture] = []

    /// Moves to showing `sixels`; `resendAll` when curses repainted (or will repaint) the whole screen.
    mutating func update(to sixels: [SixelPicture], resendAll: Bool) -> Update {
        let staying = Set(sixels.map(\.area))
        let repaint = shown.map(\.area).filter { !staying.contains($0) }.map { $0.y..<$0.maxY }
        let send = sixels.filter { sixel in
            resendAll || !shown.contains(sixel) || repaint.contains { $0.overlaps(sixel.area.y..<sixel.area.maxY) }
        }
        shown = sixels
        return Update(repaintRows: repaint, send: send)
    }

    /// The sixel at its area's top-left cell, with the cursor saved before and restored after (DECSC/DECRC),
    /// so curses' idea of the cursor stays true.
    static func placementBytes(_ picture: SixelPicture) -> [UInt8] {
        var bytes: [UInt8] = Array("\u{1B}7\u{1B}[\(picture.area.y + 1);\(picture.area.x + 1)H".utf8)
        bytes.append(contentsOf: picture.bytes)
        bytes.append(contentsOf: Array("\u{1B}8".utf8))
        return bytes
    }
}
