/// `unet/config.json` of a UNet3DConditionModel; absent keys take diffusers' class defaults.
public struct UNet3DConfig: Decodable, Equatable, Sendable {
    public var inChannels = 4
    public var outChannels = 4
    public var downBlockTypes = ["CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "DownBlock3D"]
    public var upBlockTypes = ["UpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D"]
    public var blockOutChannels = [320, 640, 1280, 1280]
    public var layersPerBlock = 2
    public var downsamplePadding = 1
    public var actFn = "silu"
    public var normNumGroups = 32
    public var normEps: Float = 1e-5
    public var crossAttentionDim = 1024
    /// diffusers reads this as the attention head *dimension* of every transformer (a legacy name).
    public var attentionHeadDim = 64
    public var sampleSize: Int?

    enum CodingKeys: String, CodingKey {
        case inChannels = "in_channels", outChannels = "out_channels"
        case downBlockTypes = "down_block_types", upBlockTypes = "up_block_types"
        case blockOutChannels = "block_out_channels", layersPerBlock = "layers_per_block"
        case downsamplePadding = "downsample_padding", actFn = "act_fn"
        case normNumGroups = "norm_num_groups", normEps = "norm_eps"
        case crossAttentionDim = "cross_attention_dim", attentionHeadDim = "attention_head_dim"
        case sampleSize = "sample_size", numAttentionHeads = "num_attention_heads"
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inChannels = try c.decode(Int.self, forKey: .inChannels, default: inChannels)
        outChannels = try c.decode(Int.self, forKey: .outChannels, default: outChannels)
        downBlockTypes = try c.decode([String].self, forKey: .downBlockTypes, default: downBlockTypes)
        upBlockTypes = try c.decode([String].self, forKey: .upBlockTypes, default: upBlockTypes)
        blockOutChannels = try c.decode([Int].self, forKey: .blockOutChannels, default: blockOutChannels)
        layersPerBlock = try c.decode(Int.self, forKey: .layersPerBlock, default: layersPerBlock)
        downsamplePadding = try c.decode(Int.self, forKey: .downsamplePadding, default: downsamplePadding)
        actFn = try c.decode(String.self, forKey: .actFn, default: actFn)
        normNumGroups = try c.decode(Int.self, forKey: .normNumGroups, default: normNumGroups)
        normEps = try c.decode(Float.self, forKey: .normEps, default: normEps)
        crossAttentionDim = try c.decode(Int.self, forKey: .crossAttentionDim, default: crossAttentionDim)
        // A list of per-block head dims exists in some configs; all blocks of this model share one.
        if let single = try? c.decode(Int.self, forKey: .attentionHeadDim) {
            attentionHeadDim = single
        } else if let list = try? c.decode([Int].self, forKey: .attentionHeadDim) {
            guard let first = list.first, list.allSatisfy({ $0 == first }) else {
                throw ModelError.invalidStructure("unet attention_head_dim \(list): differing values per block")
            }
            attentionHeadDim = first
        }
        if (try? c.decodeNil(forKey: .numAttentionHeads)) == false {
            throw ModelError.invalidStructure("unet num_attention_heads is set; diffusers' UNet3D does not support it")
        }
        sampleSize = try c.decodeIfPresent(Int.self, forKey: .sampleSize)
    }

    /// Checks what this engine implements, so an unusual checkpoint fails at load with a clear reason.
    func validate() throws {
        guard !blockOutChannels.isEmpty, downBlockTypes.count == blockOutChannels.count,
              upBlockTypes.count == blockOutChannels.count else {
            throw ModelError.invalidStructure("unet block lists differ in length: block_out_channels \(blockOutChannels.count), down \(downBlockTypes.count), up \(upBlockTypes.count)")
        }
        for type in downBlockTypes where !["CrossAttnDownBlock3D", "DownBlock3D"].contains(type) {
            throw ModelError.invalidStructure("unet down block type \(type)")
        }
        for type in upBlockTypes where !["CrossAttnUpBlock3D", "UpBlock3D"].contains(type) {
            throw ModelError.invalidStructure("unet up block type \(type)")
        }
        guard actFn == "silu" else { throw ModelError.invalidStructure("unet act_fn \(actFn) (only silu)") }
        guard attentionHeadDim > 0 else { throw ModelError.invalidStructure("unet attention_head_dim \(attentionHeadDim)") }
    }
}
