import Foundation

/// The original ModelScope release of text-to-video (`damo/text-to-video-synthesis`): a flat folder of
/// `configuration.json`, `text2video_pytorch_model.pth` (UNet), `VQGAN_autoencoder.pth` (VAE) and
/// `open_clip_pytorch_model.bin` (text encoder). It is read in place: the PyTorch checkpoints through
/// the restricted reader, key names mapped to diffusers', configs derived from configuration.json and
/// the tensors' shapes. The tokenizer is the CLIP tokenizer in a `tokenizer/` folder beside the files,
/// or is built there from OpenCLIP's `bpe_simple_vocab_16e6.txt.gz` when only that is present.
///
/// configuration.json may carry a `"studio"` object for test models that change ModelScope's fixed
/// choices: `unet_norm_groups`, `unet_sample_size`, `vae_norm_groups`, `text_heads`, `weights: "random"`, `note`.
public struct ModelScopeFolder: Sendable {
    public static let configurationFile = "configuration.json"
    public static let unetFile = "text2video_pytorch_model.pth"
    public static let vaeFile = "VQGAN_autoencoder.pth"
    public static let textEncoderFile = "open_clip_pytorch_model.bin"
    /// Where the tokenizer must be: transformers' CLIPTokenizer files (vocab.json, merges.txt,
    /// tokenizer_config.json), e.g. the `tokenizer/` folder of damo-vilab/text-to-video-ms-1.7b.
    public static let tokenizerFolder = "tokenizer"

    public let url: URL
    let model: Configuration.Model
    let studio: Configuration.Studio

    /// Whether `url` looks like this layout (its configuration and UNet checkpoint are present).
    public static func isModelScope(_ url: URL) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: url.appendingPathComponent(configurationFile).path)
            && manager.fileExists(atPath: url.appendingPathComponent(unetFile).path)
    }

    public init(url: URL) throws {
        let configuration = try ConfigDecoding.decode(Configuration.self, from: url.appendingPathComponent(Self.configurationFile))
        self.url = url
        self.model = configuration.model
        self.studio = configuration.studio ?? Configuration.Studio()
    }

    public var isRandomWeights: Bool { studio.weights == "random" }
    public var note: String? { studio.note }
    public var defaultFrames: Int? { model.modelArgs?.maxFrames }

    /// The CLIP tokenizer folder: `tokenizer/` beside the checkpoints, built there on first use from
    /// OpenCLIP's vocabulary file when only that is present.
    public func tokenizerFolder() throws -> URL {
        let folder = url.appendingPathComponent(Self.tokenizerFolder)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("vocab.json").path) { return folder }
        guard let vocabulary = OpenCLIPVocabulary.fileNames.map({ url.appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw WeightError.missingTokenizer(url)
        }
        // Built aside and moved in whole, so an interrupted build never leaves a half tokenizer.
        let building = url.appendingPathComponent(".tokenizer-\(UUID().uuidString)")
        do {
            try OpenCLIPVocabulary.writeTokenizer(from: vocabulary, to: building)
            try FileManager.default.moveItem(at: building, to: folder)
        } catch let error as TokenizerError {
            try? FileManager.default.removeItem(at: building)
            throw WeightError.unreadable(vocabulary, reason: error.description)
        } catch {
            try? FileManager.default.removeItem(at: building)
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("vocab.json").path) { return folder }
            throw WeightError.unreadable(folder, reason: "cannot write the tokenizer built from \(vocabulary.lastPathComponent) (\(error.localizedDescription)); build it elsewhere or put the CLIP tokenizer files there")
        }
        return folder
    }

    /// The file a component's weights live in (nil for the weightless tokenizer and scheduler).
    public func weightsURL(_ component: String) -> URL? {
        switch component {
        case "unet": return url.appendingPathComponent(model.modelArgs?.ckptUnet ?? Self.unetFile)
        case "vae": return url.appendingPathComponent(model.modelArgs?.ckptAutoencoder ?? Self.vaeFile)
        case "text_encoder": return url.appendingPathComponent(model.modelArgs?.ckptClip ?? Self.textEncoderFile)
        default: return nil
        }
    }

    /// A component's weights under the engine's names.
    public func weights(_ component: String) throws -> ComponentWeights {
        guard let file = weightsURL(component) else { throw WeightError.noWeights(url.appendingPathComponent(component), lookedFor: []) }
        let checkpoint = try TorchCheckpoint(url: file)
        return ComponentWeights(file: RenamedTensors(base: checkpoint, mapping: try mapping(component, checkpoint)))
    }

    private func mapping(_ component: String, _ checkpoint: TorchCheckpoint) throws -> [String: MappedTensor] {
        let shapes = Dictionary(uniqueKeysWithValues: checkpoint.names.compactMap { name in checkpoint.info(name).map { (name, $0.shape) } })
        switch component {
        case "unet": return ModelScopeKeyMapping.unet(shapes, layersPerBlock: try cfg(\.unetResBlocks, "unet_res_blocks"))
        case "vae": return ModelScopeKeyMapping.vae(shapes)
        default: return ModelScopeKeyMapping.textEncoder(shapes)
        }
    }

    /// A component's config as the diffusers JSON it would have, so the engine's config types decode it.
    public func configData(_ component: String) throws -> Data {
        let object: [String: Any]
        switch component {
        case "unet": object = try unetConfig()
        case "vae": object = try vaeConfig()
        case "text_encoder": object = try textConfig()
        case "scheduler": object = Self.schedulerConfig
        default: throw WeightError.fileMissing(url.appendingPathComponent(component))
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    private func unetConfig() throws -> [String: Any] {
        let dim = try cfg(\.unetDim, "unet_dim")
        let multipliers = try cfg(\.unetDimMult, "unet_dim_mult")
        let scales = model.modelCfg?.unetAttnScales ?? [1, 0.5, 0.25]
        let attention = multipliers.indices.map { level in scales.contains { abs($0 - 1 / Double(1 << level)) < 1e-9 } }
        return [
            "in_channels": try cfg(\.unetInDim, "unet_in_dim"),
            "out_channels": try cfg(\.unetOutDim, "unet_out_dim"),
            "block_out_channels": multipliers.map { Int((Double(dim) * $0).rounded()) },
            "layers_per_block": try cfg(\.unetResBlocks, "unet_res_blocks"),
            "cross_attention_dim": try cfg(\.unetContextDim, "unet_context_dim"),
            "attention_head_dim": try cfg(\.unetHeadDim, "unet_head_dim"),
            "down_block_types": attention.map { $0 ? "CrossAttnDownBlock3D" : "DownBlock3D" },
            "up_block_types": attention.reversed().map { $0 ? "CrossAttnUpBlock3D" : "UpBlock3D" },
            "norm_num_groups": studio.unetNormGroups ?? 32,
            "norm_eps": 1e-5,
            "act_fn": "silu",
            "downsample_padding": 1,
            "sample_size": studio.unetSampleSize ?? 32,
        ]
    }

    /// ModelScope fixes the autoencoder in code (ch 128, ch_mult 1,2,4,4, 2 res blocks, z 4); the
    /// shapes in the checkpoint say the same, so they are read from there.
    private func vaeConfig() throws -> [String: Any] {
        let file = weightsURL("vae")!
        let checkpoint = try TorchCheckpoint(url: file)
        var channels: [Int] = []
        while let shape = checkpoint.info("encoder.down.\(channels.count).block.0.conv2.weight")?.shape {
            channels.append(shape[0])
        }
        let layers = Set(checkpoint.names.compactMap { name -> String? in
            let parts = name.split(separator: ".")
            return parts.count > 4 && name.hasPrefix("encoder.down.0.block.") ? String(parts[4]) : nil
        }).count
        guard !channels.isEmpty, layers > 0, let latent = checkpoint.info("post_quant_conv.weight")?.shape.first else {
            throw WeightError.missingTensor(file, tensor: "encoder.down.0.block.0.conv2.weight or post_quant_conv.weight")
        }
        return [
            "in_channels": 3, "out_channels": 3, "latent_channels": latent,
            "block_out_channels": channels, "layers_per_block": layers,
            "down_block_types": channels.map { _ in "DownEncoderBlock2D" },
            "up_block_types": channels.map { _ in "UpDecoderBlock2D" },
            "norm_num_groups": studio.vaeNormGroups ?? 32, "act_fn": "silu", "scaling_factor": 0.18215,
            "sample_size": 256,
        ]
    }

    /// OpenCLIP ViT-H-14's text tower: width and depth from the checkpoint, 64-wide heads, exact GELU,
    /// one layer fewer than the file holds (ModelScope conditions on the penultimate layer).
    private func textConfig() throws -> [String: Any] {
        let file = weightsURL("text_encoder")!
        let checkpoint = try TorchCheckpoint(url: file)
        guard let embedding = checkpoint.info("token_embedding.weight")?.shape, embedding.count == 2,
              let positions = checkpoint.info("positional_embedding")?.shape.first,
              let mlp = checkpoint.info("transformer.resblocks.0.mlp.c_fc.weight")?.shape.first else {
            throw WeightError.missingTensor(file, tensor: "token_embedding.weight, positional_embedding or transformer.resblocks.0.mlp.c_fc.weight")
        }
        let layers = Set(checkpoint.names.compactMap { name -> String? in
            let parts = name.split(separator: ".")
            return parts.count > 3 && parts[0] == "transformer" ? String(parts[2]) : nil
        }).count
        return [
            "hidden_size": embedding[1], "vocab_size": embedding[0], "max_position_embeddings": positions,
            "intermediate_size": mlp, "num_hidden_layers": layers - 1,
            "num_attention_heads": studio.textHeads ?? max(embedding[1] / 64, 1),
            "hidden_act": "gelu", "layer_norm_eps": 1e-5,
        ]
    }

    /// The DDIM settings diffusers' conversion of this model ships (ModelScope's `linear_sd` betas
    /// 0.00085…0.012 over 1000 steps are diffusers' `scaled_linear`).
    static let schedulerConfig: [String: Any] = [
        "_class_name": "DDIMScheduler", "beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear",
        "clip_sample": false, "num_train_timesteps": 1000, "prediction_type": "epsilon",
        "set_alpha_to_one": false, "steps_offset": 1, "thresholding": false,
    ]

    private func cfg<T>(_ path: KeyPath<Configuration.ModelConfig, T?>, _ key: String) throws -> T {
        guard let value = model.modelCfg?[keyPath: path] else {
            throw WeightError.badConfig(url.appendingPathComponent(Self.configurationFile), reason: "model.model_cfg.\(key): missing key")
        }
        return value
    }

    struct Configuration: Decodable {
        let model: Model
        let studio: Studio?

        struct Model: Decodable, Sendable {
            let modelArgs: ModelArgs?
            let modelCfg: ModelConfig?
            enum CodingKeys: String, CodingKey { case modelArgs = "model_args", modelCfg = "model_cfg" }
        }

        struct ModelArgs: Decodable, Sendable {
            let ckptClip: String?, ckptUnet: String?, ckptAutoencoder: String?, maxFrames: Int?
            enum CodingKeys: String, CodingKey {
                case ckptClip = "ckpt_clip", ckptUnet = "ckpt_unet", ckptAutoencoder = "ckpt_autoencoder", maxFrames = "max_frames"
            }
        }

        struct ModelConfig: Decodable, Sendable {
            let unetInDim: Int?, unetDim: Int?, unetContextDim: Int?, unetOutDim: Int?, unetHeadDim: Int?, unetResBlocks: Int?
            let unetDimMult: [Double]?, unetAttnScales: [Double]?
            enum CodingKeys: String, CodingKey {
                case unetInDim = "unet_in_dim", unetDim = "unet_dim", unetContextDim = "unet_context_dim"
                case unetOutDim = "unet_out_dim", unetHeadDim = "unet_head_dim", unetResBlocks = "unet_res_blocks"
                case unetDimMult = "unet_dim_mult", unetAttnScales = "unet_attn_scales"
            }
        }

        struct Studio: Decodable, Sendable {
            var weights: String?, note: String?
            var unetNormGroups: Int?, unetSampleSize: Int?, vaeNormGroups: Int?, textHeads: Int?
            enum CodingKeys: String, CodingKey {
                case weights, note
                case unetNormGroups = "unet_norm_groups", unetSampleSize = "unet_sample_size"
                case vaeNormGroups = "vae_norm_groups", textHeads = "text_heads"
            }
        }
    }
}
