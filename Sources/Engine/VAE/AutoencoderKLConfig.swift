/// `vae/config.json` of an AutoencoderKL; absent keys take diffusers' class defaults.
public struct AutoencoderKLConfig: Decodable, Equatable, Sendable {
    public var inChannels = 3
    public var outChannels = 3
    public var latentChannels = 4
    public var blockOutChannels = [64]
    public var layersPerBlock = 1
    public var normNumGroups = 32
    public var actFn = "silu"
    public var scalingFactor: Float = 0.18215
    public var sampleSize: Int?
    public var useQuantConv = true
    public var usePostQuantConv = true
    public var midBlockAddAttention = true
    public var downBlockTypes: [String]?
    public var upBlockTypes: [String]?

    enum CodingKeys: String, CodingKey {
        case inChannels = "in_channels", outChannels = "out_channels", latentChannels = "latent_channels"
        case blockOutChannels = "block_out_channels", layersPerBlock = "layers_per_block"
        case normNumGroups = "norm_num_groups", actFn = "act_fn", scalingFactor = "scaling_factor"
        case sampleSize = "sample_size", useQuantConv = "use_quant_conv", usePostQuantConv = "use_post_quant_conv"
        case midBlockAddAttention = "mid_block_add_attention"
        case downBlockTypes = "down_block_types", upBlockTypes = "up_block_types"
        case shiftFactor = "shift_factor"
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inChannels = try c.decode(Int.self, forKey: .inChannels, default: inChannels)
        outChannels = try c.decode(Int.self, forKey: .outChannels, default: outChannels)
        latentChannels = try c.decode(Int.self, forKey: .latentChannels, default: latentChannels)
        blockOutChannels = try c.decode([Int].self, forKey: .blockOutChannels, default: blockOutChannels)
        layersPerBlock = try c.decode(Int.self, forKey: .layersPerBlock, default: layersPerBlock)
        normNumGroups = try c.decode(Int.self, forKey: .normNumGroups, default: normNumGroups)
        actFn = try c.decode(String.self, forKey: .actFn, default: actFn)
        scalingFactor = try c.decode(Float.self, forKey: .scalingFactor, default: scalingFactor)
        sampleSize = try c.decodeIfPresent(Int.self, forKey: .sampleSize)
        useQuantConv = try c.decode(Bool.self, forKey: .useQuantConv, default: useQuantConv)
        usePostQuantConv = try c.decode(Bool.self, forKey: .usePostQuantConv, default: usePostQuantConv)
        midBlockAddAttention = try c.decode(Bool.self, forKey: .midBlockAddAttention, default: midBlockAddAttention)
        downBlockTypes = try c.decodeIfPresent([String].self, forKey: .downBlockTypes)
        upBlockTypes = try c.decodeIfPresent([String].self, forKey: .upBlockTypes)
        if let shift = try? c.decode(Float.self, forKey: .shiftFactor), shift != 0 {
            throw ModelError.invalidStructure("vae shift_factor \(shift) is not supported")
        }
    }

    /// 2^(blocks − 1): pixels per latent along each side.
    public var downscaleFactor: Int { 1 << (blockOutChannels.count - 1) }

    func validate() throws {
        guard !blockOutChannels.isEmpty else { throw ModelError.invalidStructure("vae block_out_channels is empty") }
        guard actFn == "silu" else { throw ModelError.invalidStructure("vae act_fn \(actFn) (only silu)") }
        for type in upBlockTypes ?? [] where type != "UpDecoderBlock2D" {
            throw ModelError.invalidStructure("vae up block type \(type)")
        }
        for type in downBlockTypes ?? [] where type != "DownEncoderBlock2D" {
            throw ModelError.invalidStructure("vae down block type \(type)")
        }
    }
}
