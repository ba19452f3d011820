// Times the preview's two paths for one 256 × 256 frame, the way the studio runs them: scaled to a pane
// and encoded to sixel with a palette built once per clip, or scaled to half-block cells (plus the 24-bit
// bytes written past curses); and a results-grid thumbnail's sixel. Prints one line per figure;
// tools/bench/preview.sh records them.
//   usage: PreviewBench [--iterations N]
import Foundation
import TUI

let iterations = CommandLine.arguments.firstIndex(of: "--iterations")
    .flatMap { CommandLine.arguments.indices.contains($0 + 1) ? Int(CommandLine.arguments[$0 + 1]) : nil } ?? 60

/// A moving scene, like a generated clip: a lit ball over a horizon gradient, with a few bars.
func frame(_ index: Int, size: Int = 256) -> RGBImage {
    var pixels = [UInt8](repeating: 0, count: size * size * 3)
    let ballX = 60.0 + 8.0 * Double(index), ballY = 110.0, ballRadius = 48.0
    for y in 0..<size {
        for x in 0..<size {
            let sky = y < size / 2
            var rgb = sky ? (70 + y / 2, 120 + y / 3, 230 - y / 3) : (40 + x / 8, 150 - (y - size / 2) / 2, 50)
            let dx = Double(x) - ballX, dy = Double(y) - ballY
            let dist = (dx * dx + dy * dy).squareRoot()
            if dist < ballRadius {
                let light = Int(255 * (1.1 - dist / ballRadius) * 0.9)
                rgb = (min(255, 120 + light), light / 3, light / 4)
            }
            if (x / 16 + index) % 7 == 0, y > 200, y < 230 { rgb = (250, 240, 200) }
            let o = (y * size + x) * 3
            pixels[o] = UInt8(clamping: rgb.0)
            pixels[o + 1] = UInt8(clamping: rgb.1)
            pixels[o + 2] = UInt8(clamping: rgb.2)
        }
    }
    return RGBImage(width: size, height: size, pixels: pixels)!
}

func milliseconds(_ body: () throws -> Void) rethrows -> [Double] {
    var samples: [Double] = []
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return samples.sorted()
}

func report(_ name: String, _ samples: [Double], _ extra: String = "") {
    let median = samples[samples.count / 2], p90 = samples[samples.count * 9 / 10]
    print(String(format: "%@: median %.2f ms, p90 %.2f ms%@", name, median, p90, extra))
}

let frames = (0..<16).map { frame($0) }
let cell = CellPixelSize(width: 10, height: 20, source: .cellQuery)
// A 40 × 13 cell preview of 10 × 20 px cells: 400 × 260 px, so a square frame is drawn at 260 × 260.
let pane = Rect(x: 0, y: 0, width: 40, height: 13)
let target = ClipPainter.Target(mode: .sixel, area: pane, cellPixels: cell)

var sixelBytes = 0
var index = 0
// A fresh painter per clip: its first frame pays for the palette, later frames reuse it.
report("sixel first frame of a 16-frame clip (palette + scale + encode)", milliseconds {
    _ = ClipPainter().image(clipKey: index, frames: frames, index: 0, target: target)
    index += 1
})
let size = ImageScaler.fit(width: 256, height: 256, into: pane.width * cell.width, pane.height * cell.height)
let encoder = try SixelEncoder(palettePictures: frames.map { ImageScaler.scale($0, toWidth: 64, height: 64) })
index = 0
report("sixel frame 256×256 → \(size.width)×\(size.height) px (scale + encode)", try milliseconds {
    let bytes = try encoder.encode(ImageScaler.scale(frames[index % frames.count], toWidth: size.width, height: size.height))
    sixelBytes = bytes.count
    index += 1
}, ", \(sixelBytes / 1024) KiB per frame")

// A results-grid thumbnail: a 96 px picture in a 19 × 4 cell tile (80 × 80 px), with its own palette.
let thumbnails = (0..<16).map { ImageScaler.scale(frame($0), toWidth: 96, height: 96) }
let tile = Rect(x: 1, y: 1, width: 19, height: 4)
let thumbnailSettings = ThumbnailPainter.Settings(mode: .sixel, cellPixels: cell)
var thumbnailBytes = 0
report("sixel thumbnail 96×96 → 80×80 px in a 19×4 cell tile (palette + scale + encode)", milliseconds {
    let slot = ThumbnailPainter.Slot(picture: thumbnails[index % thumbnails.count], area: tile)
    if case .sixel(let picture)? = ThumbnailPainter().images(for: [slot], settings: thumbnailSettings).first {
        thumbnailBytes = picture.bytes.count
    }
    index += 1
}, ", \(thumbnailBytes / 1024) KiB per thumbnail")
let grid = ThumbnailPainter()
let gridSlots = thumbnails.prefix(6).enumerated().map { ThumbnailPainter.Slot(picture: $0.element, area: tile, id: $0.offset) }
_ = grid.images(for: gridSlots, settings: thumbnailSettings)
report("6 cached sixel thumbnails placed again (selection moved)", milliseconds {
    _ = grid.images(for: gridSlots, settings: thumbnailSettings)
}, ", \(grid.encodeCount) encodes in all")

var blockBytes = 0
let blockPane = (columns: 60, rows: 20)
var cells = (0, 0)
report("half blocks 256×256 → \(blockPane.columns)×\(blockPane.rows) cells (scale + cells)", milliseconds {
    let image = HalfBlockRenderer.render(frames[index % frames.count], fitting: blockPane.columns, blockPane.rows)!
    cells = (image.columns, image.rows)
    index += 1
}, ", \(cells.0)×\(cells.1) cells used")
report("half blocks + 24-bit bytes past curses", milliseconds {
    let image = HalfBlockRenderer.render(frames[index % frames.count], fitting: blockPane.columns, blockPane.rows)!
    blockBytes = image.trueColorBytes(origin: CellPosition(row: 1, column: 1)).count
    index += 1
}, ", \(blockBytes / 1024) KiB per frame")
