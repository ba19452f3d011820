import XCTest
@testable import Engine

final class DDIMSchedulerTests: XCTestCase {
    func testTimestepsMatchDiffusers() throws {
        for (n, expected) in try SchedulerFixtures.timesteps("ddim") {
            XCTAssertEqual(try DDIMScheduler(config: .hub, steps: n).timesteps, expected, "n=\(n)")
        }
        XCTAssertEqual(try DDIMScheduler(config: .hub, steps: 50).timesteps.prefix(3), [981, 961, 941])
    }

    func testStepsMatchDiffusers() throws {
        try SchedulerFixtures.checkSteps(.ddim)
    }

    func testHubConfigFileLoads() throws {
        let folder = try ModelFolder(url: Fixtures.checkpoint("tiny-a"))
        XCTAssertEqual(try folder.config(SchedulerConfig.self, component: "scheduler"), .hub)
    }

    func testRejectsUnsupportedSettings() {
        var config = SchedulerConfig.hub
        config.predictionType = "v_prediction"
        XCTAssertThrowsError(try DDIMScheduler(config: config, steps: 10)) { XCTAssertTrue("\($0)".contains("v_prediction")) }
        XCTAssertThrowsError(try DDIMScheduler(config: .hub, steps: 0))
    }
}
