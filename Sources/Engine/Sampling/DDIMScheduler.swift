import Foundation

/// diffusers' DDIMScheduler with eta = 0 (deterministic), in torch's float32 operation order.
public struct DDIMScheduler: Scheduler {
    public let timesteps: [Int]
    public let initNoiseSigma: Float = 1
    let schedule: NoiseSchedule
    let stride: Int
    let finalAlphaCumprod: Float
    let clipRange: Float?

    public init(config: SchedulerConfig, steps: Int) throws {
        let n = config.numTrainTimesteps
        guard steps >= 1, steps <= n else { throw ModelError.invalidInput("DDIM steps must be 1…\(n), got \(steps)") }
        schedule = try NoiseSchedule(config: config)
        let stride = n / steps
        self.stride = stride
        finalAlphaCumprod = config.setAlphaToOne ? 1 : schedule.alphasCumprod[0]
        clipRange = config.clipSample ? config.clipSampleRange : nil
        switch config.timestepSpacing ?? "leading" {
        case "leading":
            timesteps = (0..<steps).reversed().map { $0 * stride + config.stepsOffset }
        case "trailing":
            let ratio = Double(n) / Double(steps)
            timesteps = (0..<steps).map { Int((Double(n) - Double($0) * ratio).rounded(.toNearestOrEven)) - 1 }
        case "linspace":
            timesteps = (0..<steps).reversed().map { i in
                steps == 1 ? 0 : Int((Double(i) * Double(n - 1) / Double(steps - 1)).rounded(.toNearestOrEven))
            }
        default:
            throw ModelError.invalidStructure("DDIM timestep_spacing \(config.timestepSpacing ?? "") (leading, trailing or linspace)")
        }
        guard timesteps.allSatisfy({ $0 >= 0 && $0 < n }) else {
            throw ModelError.invalidStructure("DDIM timesteps \(timesteps) fall outside 0…\(n - 1) (steps_offset \(config.stepsOffset))")
        }
    }

    public mutating func step(modelOutput: Tensor, timestep: Int, sample: Tensor) -> SchedulerStep {
        let previous = timestep - stride
        let alpha = schedule.alphasCumprod[timestep]
        let alphaPrevious = previous >= 0 ? schedule.alphasCumprod[previous] : finalAlphaCumprod
        let sqrtBeta = (1 - alpha).squareRoot(), sqrtAlpha = alpha.squareRoot()
        let sqrtAlphaPrevious = alphaPrevious.squareRoot()
        let direction = (1 - alphaPrevious - 0).squareRoot()
        let original = Tensor(uninitialized: sample.shape), next = Tensor(uninitialized: sample.shape)
        let x = sample.pointer, eps = modelOutput.pointer, x0 = original.pointer, out = next.pointer
        let range = clipRange
        for i in 0..<sample.count {
            var predicted = (x[i] - sqrtBeta * eps[i]) / sqrtAlpha
            if let range { predicted = min(max(predicted, -range), range) }
            x0[i] = predicted
            out[i] = sqrtAlphaPrevious * predicted + direction * eps[i]
        }
        return SchedulerStep(previousSample: next, predictedOriginal: original)
    }
}
