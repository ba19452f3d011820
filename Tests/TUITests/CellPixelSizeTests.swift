import XCTest
@testable import TUI

final class CellPixelSizeTests: XCTestCase {
    private let cells = TerminalSize(rows: 40, columns: 100)

    func testKernelPixelsWinWhenPresent() {
        var replies = ProbeReplies()
        replies.cellPixels = .init(width: 7, height: 15)
        let size = CellPixelSize.resolve(windowPixels: .init(width: 1000, height: 800), cells: cells, replies: replies)
        XCTAssertEqual(size, CellPixelSize(width: 10, height: 20, source: .windowSize))
    }

    func testCellQueryWhenKernelSaysNothing() {
        var replies = ProbeReplies()
        replies.cellPixels = .init(width: 7, height: 15)
        replies.textAreaPixels = .init(width: 1000, height: 800)
        XCTAssertEqual(CellPixelSize.resolve(windowPixels: nil, cells: cells, replies: replies),
                       CellPixelSize(width: 7, height: 15, source: .cellQuery))
    }

    func testTextAreaDividedByCells() {
        var replies = ProbeReplies()
        replies.textAreaPixels = .init(width: 900, height: 720)
        XCTAssertEqual(CellPixelSize.resolve(windowPixels: nil, cells: cells, replies: replies),
                       CellPixelSize(width: 9, height: 18, source: .textAreaQuery))
    }

    func testTextAreaIgnoresASwappedCellCountReply() {
        // tmux 3.3a, recorded in a 100×30 pane, answers CSI 18 t with `CSI 8 ; 100 ; 30 t`.
        var replies = ProbeReplies.parse(Array("\u{1B}[8;100;30t\u{1B}[?1;2c".utf8))
        replies.textAreaPixels = .init(width: 1000, height: 600)
        XCTAssertEqual(CellPixelSize.resolve(windowPixels: nil, cells: TerminalSize(rows: 30, columns: 100), replies: replies),
                       CellPixelSize(width: 10, height: 20, source: .textAreaQuery))
    }

    func testNothingKnown() {
        XCTAssertNil(CellPixelSize.resolve(windowPixels: nil, cells: cells, replies: ProbeReplies()))
        XCTAssertNil(CellPixelSize.resolve(windowPixels: .init(width: 10, height: 10), cells: cells, replies: ProbeReplies()),
                     "pixel counts smaller than the cell counts are bogus")
    }
}
