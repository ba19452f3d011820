import Foundation
import TUI
import XCTest
@testable import Studio

final class StudioConfigTests: XCTestCase {
    private let file = "/home/u/.config/studio/config.toml"

    func testReadsEverySection() {
        let config = StudioConfig.parse("""
        theme = "light"
        graphics = "blocks"
        model = "/models/ms"

        [defaults]
        steps = 25
        guidance = 7.5
        width = 320
        sampler = "dpm++"

        [keys]
        run = "ctrl-r"
        quit = ["x", "ctrl-x"]
        """, file: file)
        XCTAssertNil(config.problem)
        XCTAssertEqual(config.theme, "light")
        XCTAssertEqual(config.graphics, .blocks)
        XCTAssertEqual(config.model, "/models/ms")
        var form = GenerationForm()
        config.apply(to: &form)
        XCTAssertEqual(form.steps, 25)
        XCTAssertEqual(form.guidance, 7.5)
        XCTAssertEqual(form.width, 320)
        XCTAssertEqual(form.height, GenerationForm().height, "unset values stay")
        XCTAssertEqual(form.sampler, "dpm++")
        let keys = config.keyMap
        XCTAssertEqual(keys.action(for: .control("r"), in: .anywhere), .run)
        XCTAssertNil(keys.action(for: .control("g"), in: .anywhere), "the old key is free")
        XCTAssertEqual(keys.action(for: .character("x"), in: .outsideText), .quit)
        XCTAssertEqual(keys.action(for: .control("x"), in: .outsideText), .quit)
        XCTAssertNil(keys.action(for: .character("q"), in: .outsideText))
    }

    func testSyntaxErrorNamesFileAndLineAndDropsEverything() {
        let config = StudioConfig.parse("theme = \"light\"\nsteps = \n", file: file)
        guard case .syntax(let where_, let line, _)? = config.problem else { return XCTFail("\(String(describing: config.problem))") }
        XCTAssertEqual(where_, file)
        XCTAssertEqual(line, 2)
        XCTAssertNil(config.theme)
        XCTAssertTrue(config.problem?.description.hasPrefix("config \(file):2: not valid TOML") ?? false)
    }

    func testBadValueNamesLineAndKeyAndKeepsTheRest() {
        let config = StudioConfig.parse("""
        theme = "light"
        [defaults]
        steps = 25
        frames = "many"
        width = 300
        """, file: file)
        XCTAssertEqual(config.problem, .badValue(file: file, line: 4, key: "defaults.frames",
                                                 reason: "expected a whole number in \(GenerationForm.framesRange)"))
        XCTAssertEqual(config.problem?.description,
                       "config \(file):4: key `defaults.frames`: expected a whole number in 1...64; ignored")
        XCTAssertEqual(config.theme, "light")
        var form = GenerationForm()
        config.apply(to: &form)
        XCTAssertEqual(form.steps, 25)
        XCTAssertEqual(form.frames, GenerationForm().frames)
        XCTAssertEqual(form.width, GenerationForm().width, "300 is not a multiple of 64")
    }

    func testUnknownKeysAndUnknownActionsAreNamed() {
        XCTAssertEqual(StudioConfig.parse("colour = \"red\"\n", file: file).problem,
                       .unknownKey(file: file, line: 1, key: "colour", known: "theme, graphics, model, [defaults], [keys]"))
        let keys = StudioConfig.parse("[keys]\nrun = \"ctrl-r\"\nfly = \"f\"\n", file: file)
        guard case .unknownKey(_, 3, "keys.fly", let known)? = keys.problem else { return XCTFail("\(String(describing: keys.problem))") }
        XCTAssertTrue(known.contains("run") && known.contains("copy_settings"), known)
        XCTAssertEqual(keys.keys.map(\.action), [.run])
    }

    func testUnknownKeyNameIsABadValue() {
        let config = StudioConfig.parse("[keys]\nrun = \"hyper-g\"\n", file: file)
        guard case .badValue(_, 2, "keys.run", let reason)? = config.problem else { return XCTFail() }
        XCTAssertTrue(reason.contains("\"hyper-g\" is not a key"), reason)
        XCTAssertEqual(config.keyMap, KeyMap.standard)
    }

    func testGraphicsMustBeAKnownMode() {
        let config = StudioConfig.parse("graphics = \"kitty\"\n", file: file)
        XCTAssertEqual(config.problem, .badValue(file: file, line: 1, key: "graphics",
                                                 reason: "expected \"sixel\", \"blocks\" or \"none\""))
        XCTAssertNil(config.graphics)
    }

    func testMissingFileIsAnEmptyConfigAndTheFileFollowsXDG() {
        XCTAssertEqual(StudioConfig.load(file: "/nonexistent/studio/config.toml"), StudioConfig())
        XCTAssertEqual(StudioConfig.file(environment: ["XDG_CONFIG_HOME": "/x"], homeDirectory: "/h"), "/x/studio/config.toml")
        XCTAssertEqual(StudioConfig.file(environment: [:], homeDirectory: "/h"), "/h/.config/studio/config.toml")
    }
}
