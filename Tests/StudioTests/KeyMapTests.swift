import TUI
import XCTest
@testable import Studio

final class KeyMapTests: XCTestCase {
    func testNoKeyIsBoundTwiceInOneContext() {
        for context in KeyMap.Context.allCases {
            let keys = KeyMap.bindings.filter { $0.context == context }.flatMap(\.keys)
            XCTAssertEqual(keys.count, Set(keys).count, "duplicate key in \(context)")
        }
    }

    func testTextFieldKeysDoNotShadowAnywhereKeys() {
        let anywhere = Set(KeyMap.bindings.filter { $0.context == .anywhere }.flatMap(\.keys))
        for binding in TextEditor.keyBindings {
            XCTAssertFalse(anywhere.contains(binding.key), "\(binding.key.label) is taken before text fields see it")
        }
    }

    /// The overlay drawn on a big screen shows the label of every key in the studio's and the
    /// text fields' tables.
    func testHelpOverlayListsEveryKey() {
        var state = StudioState()
        state.overlay = .help(scroll: 0)
        let text = StudioScreen.render(state, size: TerminalSize(rows: 60, columns: 160), tokens: .estimate).text
        for binding in KeyMap.bindings {
            let label = binding.keys.map(\.label).joined(separator: ", ")
            XCTAssertTrue(text.contains(label + " "), "help lacks \(label)")
            XCTAssertTrue(text.contains(binding.help), "help lacks \(binding.help)")
        }
        for help in TextEditor.keyHelp {
            XCTAssertTrue(text.contains(help.keys), "help lacks \(help.keys)")
            XCTAssertTrue(text.contains(help.action), "help lacks \(help.action)")
        }
    }

    func testHelpFitsWithoutScrollingAt120x40() {
        var canvas = Canvas(size: TerminalSize(rows: 40, columns: 120))
        XCTAssertEqual(HelpOverlay.draw(KeyMap.helpSections, scroll: 0, on: &canvas, within: canvas.bounds), 0)
    }
}
