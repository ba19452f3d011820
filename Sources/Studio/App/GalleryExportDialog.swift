import Engine
import Media

/// The gallery's export dialog: format, frame rate, size factor and motion interpolation, one row each.
struct GalleryExportDialog: Equatable {
    enum Row: Int, CaseIterable { case format, fps, scale, interpolate }

    static let frameRates = [4, 6, 8, 12, 16, 24, 30]
    static let scales = [0.5, 1, 2, 3, 4]
    /// 0 is off.
    static let interpolationRates = [0, 16, 24, 30, 48, 60]

    var format: VideoFormat = .mp4
    var fps = 8
    var scale = 1.0
    var interpolate = 0
    var row: Row = .format

    mutating func moveRow(by step: Int) {
        let rows = Row.allCases
        row = rows[(row.rawValue + step + rows.count) % rows.count]
    }

    /// ←/→ or -/+ on the focused row: the next or previous choice, wrapping for the format, clamped otherwise.
    mutating func adjust(by step: Int) {
        switch row {
        case .format:
            let formats = VideoFormat.allCases
            format = formats[((formats.firstIndex(of: format) ?? 0) + step + formats.count) % formats.count]
        case .fps:
            fps = Self.neighbour(of: fps, in: Self.frameRates, step: step)
        case .scale:
            scale = Self.neighbour(of: scale, in: Self.scales, step: step)
        case .interpolate:
            interpolate = Self.neighbour(of: interpolate, in: Self.interpolationRates, step: step)
        }
    }

    /// Interpolation applies only above the frame rate; at or below it the clip is written as it is.
    private var interpolateFPS: Int? { interpolate > fps ? interpolate : nil }

    var settings: ExportSettings { ExportSettings(format: format, fps: fps, scale: scale, interpolateFPS: interpolateFPS) }

    /// The dialog's rows as drawn, the focused one marked.
    var lines: [(text: String, focused: Bool)] {
        [("format  \(format.rawValue)", row == .format), ("fps     \(fps)", row == .fps),
         ("scale   \(scale == scale.rounded() ? String(Int(scale)) : String(scale))×", row == .scale),
         ("smooth  \(interpolateFPS.map { "to \($0) fps" } ?? "off")", row == .interpolate)]
    }

    private static func neighbour<T: Comparable>(of value: T, in choices: [T], step: Int) -> T {
        let index = choices.firstIndex { $0 >= value } ?? choices.count - 1
        return choices[min(max(index + step, 0), choices.count - 1)]
    }
}
