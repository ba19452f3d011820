/// Everything that determines a clip: with the same model, the same settings give the same frames.
public struct GenerationSettings: Codable, Equatable, Sendable {
    public var prompt: String
    public var negativePrompt: String?
    public var seed: UInt64
    public var steps: Int = 50
    public var guidance: Float = 9.0
    public var frames: Int = 16
    /// Pixels; nil takes the model's default (unet sample_size × the VAE's downscale factor).
    public var width: Int?
    public var height: Int?
    public var sampler: String = "ddim"

    public init(prompt: String, negativePrompt: String? = nil, seed: UInt64, steps: Int = 50, guidance: Float = 9.0,
                frames: Int = 16, width: Int? = nil, height: Int? = nil, sampler: String = "ddim") {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.seed = seed
        self.steps = steps
        self.guidance = guidance
        self.frames = frames
        self.width = width
        self.height = height
        self.sampler = sampler
    }

    /// Checks the settings a model can honour; `multiple` is the pixel granularity of its latents.
    public func validate(multiple: Int) throws {
        guard steps >= 1, steps <= 1000 else { throw ModelError.invalidInput("steps must be 1…1000, got \(steps)") }
        guard frames >= 1 else { throw ModelError.invalidInput("frames must be at least 1, got \(frames)") }
        guard guidance.isFinite, guidance >= 0 else { throw ModelError.invalidInput("guidance must be ≥ 0, got \(guidance)") }
        for (name, value) in [("width", width), ("height", height)] {
            if let value, value <= 0 || value % multiple != 0 {
                throw ModelError.invalidInput("\(name) must be a positive multiple of \(multiple), got \(value)")
            }
        }
    }
}
