/// A sampler: the timesteps to visit and how to take one denoising step.
public protocol Scheduler {
    /// Timesteps in the order the UNet sees them (descending).
    var timesteps: [Int] { get }
    /// Multiplier for the initial noise.
    var initNoiseSigma: Float { get }
    /// One step from `sample` at `timestep`, given the model's noise prediction.
    mutating func step(modelOutput: Tensor, timestep: Int, sample: Tensor) -> SchedulerStep
}

/// The result of a step: the next sample and the current estimate of the clean latents (x̂0).
public struct SchedulerStep {
    public let previousSample: Tensor
    public let predictedOriginal: Tensor
}

/// The samplers studio offers, by the names used on the command line and in settings.
public enum SamplerKind: String, CaseIterable, Sendable {
    case ddim
    case dpmSolverPlusPlus = "dpm++"

    public func makeScheduler(config: SchedulerConfig, steps: Int) throws -> any Scheduler {
        switch self {
        case .ddim: return try DDIMScheduler(config: config, steps: steps)
        case .dpmSolverPlusPlus: return try DPMSolverMultistepScheduler(config: config, steps: steps)
        }
    }
}
