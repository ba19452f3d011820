import Foundation

/// diffusers' DPMSolverMultistepScheduler as `from_config(ddim.config)` builds it: DPM-Solver++ of order 2
/// (midpoint), linspace timesteps, first order at the start and at the final step to σ = 0.
public struct DPMSolverMultistepScheduler: Scheduler {
    public let timesteps: [Int]
    public let initNoiseSigma: Float = 1
    /// σ at each timestep, then the final σ = 0.
    let sigmas: [Float]
    private var stepIndex = 0
    private var previousOriginal: Tensor?

    public init(config: SchedulerConfig, steps: Int) throws {
        let n = config.numTrainTimesteps
        guard steps >= 1, steps <= n else { throw ModelError.invalidInput("DPM-Solver++ steps must be 1…\(n), got \(steps)") }
        let schedule = try NoiseSchedule(config: config)
        // from_config drops DDIM's implicit "leading", so this scheduler's own default applies.
        let spacing = config.timestepSpacing ?? "linspace"
        switch spacing {
        case "linspace":
            timesteps = (0...steps).reversed().dropLast().map { i in
                Int((Double(i) * Double(n - 1) / Double(steps)).rounded(.toNearestOrEven))
            }
        case "leading":
            let ratio = n / (steps + 1)
            timesteps = (0...steps).reversed().dropLast().map { $0 * ratio + config.stepsOffset }
        case "trailing":
            let ratio = Double(n) / Double(steps)
            timesteps = (0..<steps).map { Int((Double(n) - Double($0) * ratio).rounded(.toNearestOrEven)) - 1 }
        default:
            throw ModelError.invalidStructure("DPM-Solver++ timestep_spacing \(spacing) (linspace, leading or trailing)")
        }
        guard timesteps.allSatisfy({ $0 >= 0 && $0 < n }) else {
            throw ModelError.invalidStructure("DPM-Solver++ timesteps \(timesteps) fall outside 0…\(n - 1)")
        }
        sigmas = timesteps.map { t in
            let a = schedule.alphasCumprod[t]
            return ((1 - a) / a).squareRoot()
        } + [0]
    }

    /// α_t = 1/√(σ²+1), σ_t = σ·α_t. torch's result for these 0-d tensors equals σ² + 1 rounded once,
    /// which evaluating in double reproduces.
    private static func alphaSigma(_ sigma: Float) -> (alpha: Float, sigma: Float) {
        let alpha = Float(1 / (Double(sigma) * Double(sigma) + 1).squareRoot())
        return (alpha, sigma * alpha)
    }

    private static func lambda(_ pair: (alpha: Float, sigma: Float)) -> Float {
        Foundation.log(pair.alpha) - Foundation.log(pair.sigma)
    }

    public mutating func step(modelOutput: Tensor, timestep: Int, sample: Tensor) -> SchedulerStep {
        let i = stepIndex
        let current = Self.alphaSigma(sigmas[i])
        let target = Self.alphaSigma(sigmas[i + 1])
        let count = sample.count
        let x = sample.pointer, eps = modelOutput.pointer

        let original = Tensor(uninitialized: sample.shape)
        let x0 = original.pointer
        for j in 0..<count { x0[j] = (x[j] - current.sigma * eps[j]) / current.alpha }

        let next = Tensor(uninitialized: sample.shape)
        let out = next.pointer
        let isFinal = i == timesteps.count - 1
        if sigmas[i + 1] == 0 {
            // λ = +∞ at σ = 0: the update collapses to the data prediction itself.
            out.update(from: x0, count: count)
        } else {
            let h = Self.lambda(target) - Self.lambda(current)
            let ratio = target.sigma / current.sigma
            let decay = target.alpha * (Foundation.exp(-h) - 1)
            if let previous = previousOriginal, !isFinal {
                let before = Self.alphaSigma(sigmas[i - 1])
                let h0 = Self.lambda(current) - Self.lambda(before)
                let inverseR0 = 1 / (h0 / h)
                let half = 0.5 * decay
                let m1 = previous.pointer
                for j in 0..<count {
                    let d1 = inverseR0 * (x0[j] - m1[j])
                    out[j] = ratio * x[j] - decay * x0[j] - half * d1
                }
            } else {
                for j in 0..<count { out[j] = ratio * x[j] - decay * x0[j] }
            }
        }
        previousOriginal = original
        stepIndex += 1
        return SchedulerStep(previousSample: next, predictedOriginal: original)
    }
}
