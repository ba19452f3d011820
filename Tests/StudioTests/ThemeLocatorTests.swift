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
}
