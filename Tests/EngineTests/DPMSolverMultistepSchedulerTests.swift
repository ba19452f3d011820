import XCTest
@testable import Engine

final class DPMSolverMultistepSchedulerTests: XCTestCase {
    func testTimestepsMatchDiffusersFromConfig() throws {
        for (n, expected) in try SchedulerFixtures.timesteps("dpm++") {
            XCTAssertEqual(try DPMSolverMultistepScheduler(config: .hub, steps: n).timesteps, expected, "n=\(n)")
        }
    }

    func testSigmasMatchSpec() throws {
        let sigmas = try DPMSolverMultistepScheduler(config: .hub, steps: 25).sigmas
        XCTAssertEqual(sigmas.count, 26)
        XCTAssertEqual(sigmas[0], 14.614647, accuracy: 1e-5)
        XCTAssertEqual(sigmas[24], 0.199059, accuracy: 1e-6)
        XCTAssertEqual(sigmas[25], 0)
    }

    func testStepsMatchDiffusers() throws {
        try SchedulerFixtures.checkSteps(.dpmSolverPlusPlus)
    }
}
