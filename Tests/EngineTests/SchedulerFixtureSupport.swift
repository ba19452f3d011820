import XCTest
@testable import Engine

/// Shared checks of a sampler against `schedulers.json` / `schedulers.safetensors`.
enum SchedulerFixtures {
    static func timesteps(_ sampler: String) throws -> [Int: [Int]] {
        let root = try XCTUnwrap(Fixtures.json("schedulers.json") as? [String: Any])
        let table = try XCTUnwrap(root[sampler] as? [String: Any])
        return Dictionary(uniqueKeysWithValues: table.map { (Int($0.key)!, ($0.value as! [String: Any])["timesteps"] as! [Int]) })
    }

    /// Runs the sampler over the fixture's recorded model outputs and compares every step.
    static func checkSteps(_ kind: SamplerKind, file: StaticString = #filePath, line: UInt = #line) throws {
        let reference = try Fixtures.reference("schedulers.safetensors")
        for n in [3, 10, 25] {
            let prefix = "\(kind.rawValue)_n\(n)"
            var scheduler = try kind.makeScheduler(config: .hub, steps: n)
            var sample = try reference.tensor("\(prefix)_input")
            for (i, t) in scheduler.timesteps.enumerated() {
                let step = scheduler.step(modelOutput: try reference.tensor("\(prefix)_eps\(i)"), timestep: t, sample: sample)
                let expected = try reference.tensor("\(prefix)_step\(i)")
                assertClose(step.previousSample, expected, absolute: 1e-5, "\(prefix) step \(i)", file: file, line: line)
                sample = expected
            }
        }
    }
}

extension SchedulerConfig {
    /// damo-vilab/text-to-video-ms-1.7b's scheduler_config.json.
    static var hub: SchedulerConfig {
        var config = SchedulerConfig()
        config.betaStart = 0.00085
        config.betaEnd = 0.012
        config.betaSchedule = "scaled_linear"
        config.clipSample = false
        config.setAlphaToOne = false
        config.stepsOffset = 1
        return config
    }
}
