import Foundation

/// diffusers' TextToVideoSDPipeline on the CPU: prompt → text states → denoising loop with
/// classifier-free guidance → VAE decode → frames. The model is loaded once and reused.
public final class TextToVideoPipeline {
    public let folder: ModelFolder
    public let tokenizer: CLIPTokenizer
    public let textEncoder: CLIPTextModel
    public let unet: UNet3DConditionModel
    public let decoder: VAEDecoder
    public let schedulerConfig: SchedulerConfig
    /// Frames decoded per VAE call, bounding the decoder's memory (one 256² frame's activations peak
    /// near 0.5 GB).
    public var decodeChunk = 2
    private var textCache: [String: Tensor] = [:]

    public init(folder url: URL) throws {
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

    /// Text states [1, 77, width] for a prompt, cached by text so a seed sweep encodes once.
    public func encode(_ text: String) throws -> Tensor {
        if let cached = textCache[text] { return cached }
        let states = try textEncoder(tokenizer.encode(text).ids)
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
        let checkpoint = { if cancellation?.isCancelled == true { throw ModelError.cancelled } }

        let guided = settings.guidance > 1
        let positive = try encode(settings.prompt)
        let textStates = guided ? Tensor.concatBatch([try encode(settings.negativePrompt ?? ""), positive]) : positive
        var latents = initialLatents(seed: settings.seed, frames: settings.frames, height: height, width: width)
        if scheduler.initNoiseSigma != 1 { latents = latents.scaled(by: scheduler.initNoiseSigma) }

        for (index, timestep) in scheduler.timesteps.enumerated() {
            try checkpoint()
            let input = guided ? Tensor.concatBatch([latents, latents]) : latents
            let prediction = try unet(input, timestep: Float(timestep), textStates: textStates, checkpoint: checkpoint)
            let noise = guided ? Self.guide(prediction, scale: settings.guidance) : prediction
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
    static func guide(_ prediction: Tensor, scale: Float) -> Tensor {
        let half = prediction.count / 2
        let result = Tensor(uninitialized: [1] + Array(prediction.shape.dropFirst()))
        let u = prediction.pointer, c = prediction.pointer + half, out = result.pointer
        for i in 0..<half { out[i] = u[i] + scale * (c[i] - u[i]) }
        return result
    }

    /// latents [1, C, F, h, w] → frames [F, H, W, 3] in [0, 1], a few frames per VAE call.
    public func decode(_ latents: Tensor, checkpoint: () throws -> Void = {}) throws -> Tensor {
        let (channels, frames, h, w) = (latents.shape[1], latents.shape[2], latents.shape[3], latents.shape[4])
        let images = latents.scaled(by: 1 / decoder.config.scalingFactor).reshaped([channels, frames, h, w])
            .permuted([1, 0, 2, 3])
        var output: Tensor?
        var first = 0
        while first < frames {
            try checkpoint()
            let count = min(decodeChunk, frames - first)
            let chunk = Tensor(uninitialized: [count, channels, h, w])
            chunk.pointer.update(from: images.pointer + first * channels * h * w, count: chunk.count)
            let decoded = try decoder(chunk, checkpoint: checkpoint)  // [count, 3, H, W]
            let (height, width) = (decoded.shape[2], decoded.shape[3])
            if output == nil { output = Tensor(uninitialized: [frames, height, width, 3]) }
            let pixels = decoded.permuted([0, 2, 3, 1])
            let dst = output!.pointer + first * height * width * 3
            for i in 0..<pixels.count { dst[i] = min(max(pixels.pointer[i] * 0.5 + 0.5, 0), 1) }
            first += count
        }
        return output!
    }
}

extension Tensor {
    /// Concatenation along axis 0.
    public static func concatBatch(_ parts: [Tensor]) -> Tensor {
        let rest = Array(parts[0].shape.dropFirst())
        precondition(parts.allSatisfy { Array($0.shape.dropFirst()) == rest }, "concatBatch: \(parts.map(\.shape))")
        let result = Tensor(uninitialized: [parts.map { $0.shape[0] }.reduce(0, +)] + rest)
        var dst = result.pointer
        for part in parts {
            dst.update(from: part.pointer, count: part.count)
            dst += part.count
        }
        return result
    }
}
