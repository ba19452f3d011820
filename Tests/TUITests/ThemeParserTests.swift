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
        XCTAssertEqual(error, .syntax(file: "themes/t.toml", line: 2, text: "this is not toml"))
        XCTAssertEqual(error?.description, "theme themes/t.toml:2: expected `key = \"#rrggbb\"`, found `this is not toml`")
    }

    func testUnquotedValueIsASyntaxError() {
        XCTAssertEqual(parseError("accent = #102030"), .syntax(file: "themes/t.toml", line: 1, text: "accent = #102030"), "the whole line is shown, not the part before #")
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

    func testDuplicateKey() {
        XCTAssertEqual(parseError(complete + "\naccent = \"#000000\""),
                       .duplicate(file: "themes/t.toml", line: Role.allCases.count + 1, key: "accent"))
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
}
