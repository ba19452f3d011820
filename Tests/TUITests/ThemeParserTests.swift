import Foundation
import XCTest
@testable import TUI

final class ThemeParserTests: XCTestCase {
    private let complete = Role.allCases.map { "\($0.rawValue) = \"#102030\"" }.joined(separator: "\n")

    private func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ThemeError? {
        do {
            _ = try ThemeParser.parse(text, name: "t", file: "themes/t.toml")
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let error as ThemeError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testParsesEveryRoleWithCommentsAndBlankLines() throws {
        let text = "# a theme\n\n" + complete.replacingOccurrences(of: "text = \"#102030\"", with: "text = \"default\"  # terminal's own") + "\n"
        let theme = try ThemeParser.parse(text, name: "t", file: "t.toml")
        XCTAssertEqual(theme.color(.accent), .rgb(red: 0x10, green: 0x20, blue: 0x30))
        XCTAssertEqual(theme.color(.text), .terminalDefault)
        XCTAssertEqual(theme.name, "t")
    }

    func testSyntaxErrorNamesFileAndLine() {
        let error = parseError("accent = \"#102030\"\nthis is not toml\n")
        guard case .syntax(let file, let line, let message) = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(file, "themes/t.toml")
        XCTAssertEqual(line, 2)
        XCTAssertFalse(message.isEmpty)
        XCTAssertTrue(error?.description.hasPrefix("theme themes/t.toml:2: not valid TOML: ") ?? false)
    }

    func testUnquotedColourIsASyntaxError() {
        guard case .syntax(_, let line, _) = parseError("text = \"default\"\naccent = #102030") else { return XCTFail() }
        XCTAssertEqual(line, 2)
    }

    func testNonStringValueIsABadColour() {
        let error = parseError(complete.replacingOccurrences(of: "muted = \"#102030\"", with: "muted = 5"))
        XCTAssertEqual(error, .badColor(file: "themes/t.toml", line: 3, key: "muted", value: "5"))
    }

    func testUnknownRoleNamesTheKey() {
        let error = parseError(complete + "\naccnet = \"#ffffff\"")
        XCTAssertEqual(error, .unknownRole(file: "themes/t.toml", line: Role.allCases.count + 1, key: "accnet"))
        XCTAssertTrue(error?.description.contains("`accnet`") ?? false)
    }

    func testBadColorNamesKeyAndValue() {
        let error = parseError(complete.replacingOccurrences(of: "ok = \"#102030\"", with: "ok = \"#12345\""))
        XCTAssertEqual(error, .badColor(file: "themes/t.toml", line: Role.allCases.count, key: "ok", value: "#12345"))
        XCTAssertEqual(error?.description, "theme themes/t.toml:12: key `ok`: `#12345` is not a colour (use \"#rrggbb\" or \"default\")")
    }

    func testDuplicateKeyIsReportedOnItsSecondLine() {
        guard case .syntax(_, let line, _) = parseError(complete + "\naccent = \"#000000\"") else { return XCTFail() }
        XCTAssertEqual(line, Role.allCases.count + 1)
    }

    func testFirstProblemInFileOrderIsReported() {
        let error = parseError("zzz = \"#000000\"\naaa = \"#000000\"\n")
        XCTAssertEqual(error, .unknownRole(file: "themes/t.toml", line: 1, key: "zzz"))
    }

    func testMissingRolesAreListed() {
        XCTAssertEqual(parseError("accent = \"#000000\"\n"),
                       .missingRoles(file: "themes/t.toml", keys: Role.allCases.filter { $0 != .accent }.map(\.rawValue)))
    }

    func testBundledThemesParseAndDefaultMatchesTheBuiltIn() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: themes.path).filter { $0.hasSuffix(".toml") }
        XCTAssertGreaterThanOrEqual(files.count, 2)
        for file in files {
            let text = try String(contentsOf: themes.appendingPathComponent(file), encoding: .utf8)
            let theme = try ThemeParser.parse(text, name: String(file.dropLast(5)), file: file)
            if theme.name == "default" { XCTAssertEqual(theme, Theme.builtIn) }
        }
    }

    private func bundledTheme(_ name: String) throws -> Theme {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes/\(name).toml")
        return try ThemeParser.parse(String(contentsOf: file, encoding: .utf8), name: name, file: file.path)
    }

    private func luminance(_ color: ThemeColor) -> Double? {
        guard case .rgb(let r, let g, let b) = color else { return nil }
        return ThemeColor.luminance((Int(r), Int(g), Int(b)))
    }

    func testLightThemeIsLightAndHighContrastIsDark() throws {
        let light = try bundledTheme("light")
        XCTAssertGreaterThan(luminance(light.color(.background)) ?? 0, 0.8)
        XCTAssertLessThan(luminance(light.color(.text)) ?? 1, 0.3)
        let high = try bundledTheme("high-contrast")
        XCTAssertLessThan(luminance(high.color(.background)) ?? 1, 0.1)
        XCTAssertGreaterThan(luminance(high.color(.text)) ?? 0, 0.9)
    }

    /// With 8 colours, every text role of a theme with its own background lands on an entry other
    /// than the background's.
    func testThemesWithABackgroundStayLegibleWithEightColours() throws {
        for name in ["light", "high-contrast"] {
            let theme = try bundledTheme(name)
            let background = theme.color(.background).terminalColor(depth: .ansi8)
            for role in [Role.text, .muted, .accent, .error, .warning, .ok] {
                XCTAssertNotEqual(theme.color(role).terminalColor(depth: .ansi8, on: theme.color(.background)), background,
                                  "\(name): \(role) vanishes on the background")
            }
        }
    }
}
