import TUI
import XCTest
@testable import Studio

final class KeyMapTests: XCTestCase {
    func testNoKeyIsBoundTwiceInOneContext() {
        for context in KeyMap.Context.allCases {
            let keys = KeyMap.standard.bindings.filter { $0.context == context }.flatMap(\.keys)
            XCTAssertEqual(keys.count, Set(keys).count, "duplicate key in \(context)")
        }
    }

    func testTextFieldKeysDoNotShadowAnywhereKeys() {
        let anywhere = Set(KeyMap.standard.bindings.filter { $0.context == .anywhere }.flatMap(\.keys))
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
        for binding in KeyMap.standard.bindings {
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
        XCTAssertEqual(HelpOverlay.draw(KeyMap.standard.helpSections, scroll: 0, on: &canvas, within: canvas.bounds), 0)
    }
}

final class KeyMapRemapTests: XCTestCase {
    func testPrintableKeyNeverGoesToAnywhere() {
        let keys = KeyMap.standard.remapped(.run, to: [.character("g")])
        XCTAssertNil(keys.action(for: .character("g"), in: .anywhere), "g must still type into the prompt")
        XCTAssertEqual(keys.action(for: .character("g"), in: .outsideText), .run)
        XCTAssertNil(keys.action(for: .control("g"), in: .anywhere))
        XCTAssertNil(keys.action(for: .enter, in: .outsideText), "every usual key of run is replaced")
    }

    func testTakenKeyMovesAndHelpAndHintsFollow() {
        let keys = KeyMap.standard.remapped(.openSweep, to: [.character("r")])
        XCTAssertEqual(keys.action(for: .character("r"), in: .outsideText), .openSweep)
        XCTAssertFalse(keys.bindings.contains { $0.action == .randomSeed }, "random seed lost its only key")
        XCTAssertTrue(keys.hints(focus: .settings, running: false).contains(KeyHelp(keys: "r", action: "sweep")))
        let help = keys.helpSections.flatMap(\.entries)
        XCTAssertTrue(help.contains(KeyHelp(keys: "r", action: "sweep over N seeds (dialog)")))
    }

    func testSweepAndHelpKeysAreNotRemapped() {
        let keys = KeyMap.standard.remapped(.cancelOrClose, to: [.control("c")])
        XCTAssertEqual(keys.action(for: .escape, in: .sweep), .cancelOrClose, "the dialog still closes with Esc")
        XCTAssertEqual(keys.action(for: .escape, in: .help), .cancelOrClose)
        XCTAssertNil(keys.action(for: .escape, in: .anywhere))
    }

    func testStandardHintsMatchWhatTheKeysDo() {
        XCTAssertEqual(KeyMap.standard.hints(focus: .prompt, running: true).map(\.keys), ["F1", "^G", "esc", "tab"])
        XCTAssertEqual(KeyMap.standard.hints(focus: .queue, running: false).map(\.keys), ["?", "^G", "tab", "⏎", "y", "S", "q"])
        XCTAssertEqual(KeyMap.standard.hints(focus: .settings, running: false).map(\.keys), ["?", "⏎", "tab", "+/-", "0-9", "S", "q"])
    }
}
