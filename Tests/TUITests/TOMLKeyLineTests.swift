import XCTest
@testable import TUI

final class TOMLKeyLineTests: XCTestCase {
    private let text = """
    # settings
    theme = "light"
    [defaults]
      steps = 25
    "seed"=3
    [keys]
    run = "ctrl-r"
    runner = "x"
    """

    func testFindsTopLevelAndTableKeys() {
        XCTAssertEqual(TOMLKeyLine.find("theme", in: text), 2)
        XCTAssertEqual(TOMLKeyLine.find("steps", table: "defaults", in: text), 4)
        XCTAssertEqual(TOMLKeyLine.find("seed", table: "defaults", in: text), 5, "quoted key, no spaces")
        XCTAssertEqual(TOMLKeyLine.find("runner", table: "keys", in: text), 8)
    }

    func testKeyInAnotherTableOrOnlyAPrefixIsNotFound() {
        XCTAssertNil(TOMLKeyLine.find("steps", in: text), "steps is under [defaults], not the top level")
        XCTAssertNil(TOMLKeyLine.find("ru", table: "keys", in: text))
        XCTAssertNil(TOMLKeyLine.find("theme", table: "keys", in: text))
    }
}
