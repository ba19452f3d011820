/// `scheduler/scheduler_config.json`; absent keys take DDIMScheduler's defaults.
public struct SchedulerConfig: Decodable, Equatable, Sendable {
    public var numTrainTimesteps = 1000
    /// Doubles, as Python holds them: the scaled-linear schedule takes their square roots before rounding.
    public var betaStart = 0.0001
    public var betaEnd = 0.02
    public var betaSchedule = "linear"
    public var clipSample = true
    public var clipSampleRange: Float = 1.0
    public var setAlphaToOne = true
    public var stepsOffset = 0
    public var predictionType = "epsilon"
    public var thresholding = false
    /// nil when the file leaves it out: DDIM then uses "leading"; DPM-Solver++ its own "linspace",
    /// as diffusers' from_config does.
    public var timestepSpacing: String?
    public var rescaleBetasZeroSnr = false
    public var trainedBetas: [Float]?

    enum CodingKeys: String, CodingKey {
        case numTrainTimesteps = "num_train_timesteps", betaStart = "beta_start", betaEnd = "beta_end"
        case betaSchedule = "beta_schedule", clipSample = "clip_sample", clipSampleRange = "clip_sample_range"
        case setAlphaToOne = "set_alpha_to_one", stepsOffset = "steps_offset", predictionType = "prediction_type"
        case thresholding, timestepSpacing = "timestep_spacing", rescaleBetasZeroSnr = "rescale_betas_zero_snr"
        case trainedBetas = "trained_betas"
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        numTrainTimesteps = try c.decode(Int.self, forKey: .numTrainTimesteps, default: numTrainTimesteps)
        betaStart = try c.decode(Double.self, forKey: .betaStart, default: betaStart)
        betaEnd = try c.decode(Double.self, forKey: .betaEnd, default: betaEnd)
        betaSchedule = try c.decode(String.self, forKey: .betaSchedule, default: betaSchedule)
        clipSample = try c.decode(Bool.self, forKey: .clipSample, default: clipSample)
        clipSampleRange = try c.decode(Float.self, forKey: .clipSampleRange, default: clipSampleRange)
        setAlphaToOne = try c.decode(Bool.self, forKey: .setAlphaToOne, default: setAlphaToOne)
        stepsOffset = try c.decode(Int.self, forKey: .stepsOffset, default: stepsOffset)
        predictionType = try c.decode(String.self, forKey: .predictionType, default: predictionType)
        thresholding = try c.decode(Bool.self, forKey: .thresholding, default: thresholding)
        timestepSpacing = try c.decodeIfPresent(String.self, forKey: .timestepSpacing)
        rescaleBetasZeroSnr = try c.decode(Bool.self, forKey: .rescaleBetasZeroSnr, default: rescaleBetasZeroSnr)
        trainedBetas = try c.decodeIfPresent([Float].self, forKey: .trainedBetas)
    }

    /// Rejects what the samplers do not implement, naming the setting.
    func validate() throws {
        guard predictionType == "epsilon" else {
            throw ModelError.invalidStructure("scheduler prediction_type \(predictionType) (only epsilon)")
        }
        guard !thresholding else { throw ModelError.invalidStructure("scheduler thresholding is not supported") }
        guard !rescaleBetasZeroSnr else { throw ModelError.invalidStructure("scheduler rescale_betas_zero_snr is not supported") }
        guard numTrainTimesteps >= 2 else { throw ModelError.invalidStructure("scheduler num_train_timesteps \(numTrainTimesteps)") }
    }
}
