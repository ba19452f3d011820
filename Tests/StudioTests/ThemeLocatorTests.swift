import Foundation
import TUI
import XCTest
@testable import Studio

final class ThemeLocatorTests: XCTestCase {
    func testUserThemesOverrideBundledOnesAndDefaultAlwaysExists() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("studio-themes-\(getpid())")
        let user = base.appendingPathComponent("user"), bundled = base.appendingPathComponent("bundled")
        for dir in [user, bundled] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: base) }
        func theme(_ accent: String) -> String {
            Role.allCases.map { "\($0.rawValue) = \"\($0 == .accent ? accent : "#000000")\"" }.joined(separator: "\n")
        }
        try theme("#111111").write(to: bundled.appendingPathComponent("dusk.toml"), atomically: true, encoding: .utf8)
        try theme("#222222").write(to: user.appendingPathComponent("dusk.toml"), atomically: true, encoding: .utf8)
        try theme("#333333").write(to: bundled.appendingPathComponent("alpha.toml"), atomically: true, encoding: .utf8)

        let locator = ThemeLocator(userDirectory: user.path, bundledDirectory: bundled.path)
        XCTAssertEqual(locator.names(), ["default", "alpha", "dusk"])
        XCTAssertEqual(try locator.load("dusk").color(.accent), .rgb(red: 0x22, green: 0x22, blue: 0x22))
        XCTAssertEqual(try locator.load("default"), Theme.builtIn)
        XCTAssertEqual(locator.next(after: "alpha").theme?.name, "dusk")
        XCTAssertEqual(locator.next(after: "dusk").theme?.name, "default")
        XCTAssertThrowsError(try locator.load("nope")) { error in
            XCTAssertTrue("\(error)".contains("no such theme"))
        }
    }

    func testRepositoryThemesAreFound() {
        let locator = ThemeLocator(environment: ["XDG_CONFIG_HOME": "/nonexistent"], homeDirectory: "/nonexistent")
        XCTAssertTrue(locator.names().contains("light"))
        XCTAssertEqual(try locator.load("default"), Theme.builtIn)
    }

    /// WCAG 2 contrast ratio of two colours (1…21).
    private func contrast(_ a: ThemeColor, _ b: ThemeColor) -> Double {
        func luminance(_ color: ThemeColor) -> Double {
            guard case .rgb(let r, let g, let b) = color else { return .nan }
            func linear(_ c: UInt8) -> Double {
                let v = Double(c) / 255
                return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    func testHighContrastThemeMeetsAAAContrast() throws {
        let locator = ThemeLocator(environment: ["XDG_CONFIG_HOME": "/nonexistent"], homeDirectory: "/nonexistent")
        XCTAssertTrue(locator.names().contains("high-contrast"))
        let theme = try locator.load("high-contrast")
        XCTAssertEqual(Set(theme.colors.keys), Set(Role.allCases), "every role has its own colour")
        let background = theme.color(.background)
        for role in [Role.text, .muted, .accent, .borderFocused, .border, .error, .warning, .ok, .progress] {
            XCTAssertGreaterThanOrEqual(contrast(theme.color(role), background), 7, "\(role) on the background")
        }
        for role in [Role.text, .accent, .muted] {
            XCTAssertGreaterThanOrEqual(contrast(theme.color(role), theme.color(.selection)), 7, "\(role) on the selection")
        }
        XCTAssertGreaterThanOrEqual(contrast(theme.color(.progress), theme.color(.progressTrack)), 3,
                                    "the bar's done part stands out from its track")
        XCTAssertGreaterThanOrEqual(contrast(theme.color(.progressTrack), background), 3, "the track shows at all")
    }
}
