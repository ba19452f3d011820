import XCTest
@testable import Engine

final class NoiseScheduleTests: XCTestCase {
    func testAlphasCumprodBitForBit() throws {
        let schedule = try NoiseSchedule(config: .hub)
        let expected = try Fixtures.reference("schedulers.safetensors").tensor("alphas_cumprod").scalars
        let mismatches = zip(schedule.alphasCumprod, expected).filter { $0.0.bitPattern != $0.1.bitPattern }.count
        XCTAssertEqual(mismatches, 0, "ᾱ values differing from torch")
        XCTAssertEqual(schedule.alphasCumprod[981], 0.0057754959, accuracy: 1e-10)
    }

    func testUnknownScheduleIsNamed() {
        var config = SchedulerConfig.hub
        config.betaSchedule = "squaredcos_cap_v3"
        XCTAssertThrowsError(try NoiseSchedule(config: config)) { XCTAssertTrue("\($0)".contains("squaredcos_cap_v3")) }
    }
}
