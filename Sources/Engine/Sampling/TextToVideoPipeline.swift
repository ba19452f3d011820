import Foundation

/// diffusers' TextToVideoSDPipeline: prompt → text states → denoising loop with classifier-free
/// guidance → VAE decode → frames, on the backend it was made with. The model is loaded once and reused.
///
/// Both CFG halves run as one batch. The scheduler's arithmetic (a few elementwise products over the
/// small latents) stays on the host: the guided noise comes back once per step and the next latents go
/// out, which also gives the x̂0 preview for free.
public final class TextToVideoPipeline {
    public let folder: ModelFolder
    /// Where the text encoder, UNet and VAE run (weights go there on first use).
    public let backend: any Backend
    public let tokenizer: CLIPTokenizer
    public let textEncoder: CLIPTextModel
    public let unet: UNet3DConditionModel
    public let decoder: VAEDecoder
    public let schedulerConfig: SchedulerConfig
    /// Frames decoded per VAE call, bounding the decoder's memory (one 256² frame's activations peak
    /// near 0.5 GB).
    public var decodeChunk = 2
    private var textCache: [String: Tensor] = [:]

    public init(folder url: URL, backend: any Backend = CPUBackend.shared) throws {
        self.backend = backend
        folder = try ModelFolder(url: url)
        tokenizer = try CLIPTokenizer(folder: folder.tokenizerURL())
        let textWeights = try folder.weights("text_encoder")
        textEncoder = try CLIPTextModel(config: folder.config(CLIPTextConfig.self, component: "text_encoder"), weights: textWeights)
        try textWeights.finish()
        let unetWeights = try folder.weights("unet")
        unet = try UNet3DConditionModel(config: folder.config(UNet3DConfig.self, component: "unet"), weights: unetWeights)
        try unetWeights.finish()
        let vaeWeights = try folder.weights("vae")
        decoder = try VAEDecoder(config: folder.config(AutoencoderKLConfig.self, component: "vae"), weights: vaeWeights)
        // Text-to-video needs only the decoder; the encoder's tensors stay unmapped.
        for name in vaeWeights.unusedNames where name.hasPrefix("encoder.") || name.hasPrefix("quant_conv.") {
            vaeWeights.ignore(name)
        }
        try vaeWeights.finish()
        schedulerConfig = try folder.config(SchedulerConfig.self, component: "scheduler")
        guard textEncoder.config.hiddenSize == unet.config.crossAttentionDim else {
            throw ModelError.invalidStructure("text encoder width \(textEncoder.config.hiddenSize) ≠ unet cross_attention_dim \(unet.config.crossAttentionDim)")
        }
        guard decoder.config.latentChannels == unet.config.outChannels else {
            throw ModelError.invalidStructure("vae latent_channels \(decoder.config.latentChannels) ≠ unet out_channels \(unet.config.outChannels)")
        }
    }

    /// Pixel size when the settings leave it open: unet sample_size × the VAE's downscale factor.
    public var defaultSize: Int { (unet.config.sampleSize ?? 32) * decoder.config.downscaleFactor }

    /// Text states [1, 77, width] for a prompt, held by the backend, cached by text so a seed sweep
    /// encodes once.
    public func encode(_ text: String) throws -> Tensor {
        if let cached = textCache[text] { return cached }
        let states = try textEncoder(tokenizer.encode(text).ids, on: backend)
        try backend.synchronize()
        if textCache.count > 32 { textCache.removeAll() }
        textCache[text] = states
        return states
    }

    /// The initial latents [1, C, F, h, w] for a seed, as torch.randn with a CPU generator draws them.
    public func initialLatents(seed: UInt64, frames: Int, height: Int, width: Int) -> Tensor {
        let factor = decoder.config.downscaleFactor
        var random = TorchRandomSource(seed: seed)
        return random.randn(shape: [1, unet.config.inChannels, frames, height / factor, width / factor])
    }

    /// Runs one generation. Events arrive on the calling thread through `events`; a cancellation token
    /// stops it within one UNet layer (throws `ModelError.cancelled`).
    @discardableResult
    public func generate(_ settings: GenerationSettings, cancellation: CancellationToken? = nil,
                         events: (GenerationEvent) -> Void = { _ in }) throws -> GeneratedClip {
        let start = Date()
        // diffusers requires multiples of 8 whatever the VAE's factor.
        try settings.validate(multiple: 8)
        let height = settings.height ?? folder.index.defaultHeight ?? defaultSize
        let width = settings.width ?? folder.index.defaultWidth ?? defaultSize
        guard let kind = SamplerKind(rawValue: settings.sampler) else {
            throw ModelError.invalidInput("unknown sampler \(settings.sampler) (\(SamplerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var scheduler = try kind.makeScheduler(config: schedulerConfig, steps: settings.steps)
        // A GPU failure surfaces at the step's end, when the guided noise comes back.
        let checkpoint = { if cancellation?.isCancelled == true { throw ModelError.cancelled } }

        let guided = settings.guidance > 1
        let positive = try encode(settings.prompt)
        let textStates = guided ? Tensor.concatBatch([try encode(settings.negativePrompt ?? ""), positive]) : positive
        var latents = initialLatents(seed: settings.seed, frames: settings.frames, height: height, width: width)
        if scheduler.initNoiseSigma != 1 { latents = latents.scaled(by: scheduler.initNoiseSigma) }

        for (index, timestep) in scheduler.timesteps.enumerated() {
            try checkpoint()
            let onBackend = latents.on(backend)
            // Guided, the one sample stands for itself with each text (the UNet's batch is the texts').
            let prediction = try unet(onBackend, timestep: Float(timestep), textStates: textStates, checkpoint: checkpoint)
            let noise = (guided ? prediction.guided(scale: settings.guidance) : prediction).onHost()
            try backend.synchronize()
            let step = scheduler.step(modelOutput: noise, timestep: timestep, sample: latents)
            latents = step.previousSample
            events(.step(index: index + 1, total: scheduler.timesteps.count, timestep: timestep,
                         elapsed: Date().timeIntervalSince(start)))
            events(.preview(LatentPreview.clip(from: step.predictedOriginal)))
        }
        try checkpoint()
        let frames = try decode(latents, checkpoint: checkpoint)
        let clip = GeneratedClip(frames: frames, settings: settings, seconds: Date().timeIntervalSince(start))
        events(.done(clip))
        return clip
    }

    /// uncond + scale·(cond − uncond) from a [2, ...] prediction whose row 0 is unconditional.
    static func guide(_ prediction: Tensor, scale: Float) -> Tensor { prediction.guided(scale: scale) }

    /// latents [1, C, F, h, w] → frames [F, H, W, 3] in [0, 1] on the host, a few frames per VAE call.
    public func decode(_ latents: Tensor, checkpoint: () throws -> Void = {}) throws -> Tensor {
        let (channels, frames, h, w) = (latents.shape[1], latents.shape[2], latents.shape[3], latents.shape[4])
        let images = latents.on(backend).scaled(by: 1 / decoder.config.scalingFactor).reshaped([channels, frames, h, w])
            .permuted([1, 0, 2, 3])
        var parts: [Tensor] = []
        var first = 0
        while first < frames {
            try checkpoint()
            let count = min(decodeChunk, frames - first)
            let decoded = try decoder(images.items(first..<(first + count)), checkpoint: checkpoint)  // [count, 3, H, W]
            parts.append(decoded.permuted([0, 2, 3, 1]).unitPixels().onHost())
            try backend.synchronize()
            first += count
        }
        return parts.count == 1 ? parts[0] : Tensor.concatBatch(parts)
    }
}
