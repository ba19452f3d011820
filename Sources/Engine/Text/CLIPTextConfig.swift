/// `text_encoder/config.json` of a transformers CLIPTextModel.
public struct CLIPTextConfig: Decodable, Equatable, Sendable {
    public var hiddenSize = 512
    public var intermediateSize = 2048
    public var numHiddenLayers = 12
    public var numAttentionHeads = 8
    public var maxPositionEmbeddings = 77
    public var vocabSize = 49408
    public var hiddenAct = "quick_gelu"
    public var layerNormEps: Float = 1e-5

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", intermediateSize = "intermediate_size"
        case numHiddenLayers = "num_hidden_layers", numAttentionHeads = "num_attention_heads"
        case maxPositionEmbeddings = "max_position_embeddings", vocabSize = "vocab_size"
        case hiddenAct = "hidden_act", layerNormEps = "layer_norm_eps"
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize, default: hiddenSize)
        intermediateSize = try c.decode(Int.self, forKey: .intermediateSize, default: intermediateSize)
        numHiddenLayers = try c.decode(Int.self, forKey: .numHiddenLayers, default: numHiddenLayers)
        numAttentionHeads = try c.decode(Int.self, forKey: .numAttentionHeads, default: numAttentionHeads)
        maxPositionEmbeddings = try c.decode(Int.self, forKey: .maxPositionEmbeddings, default: maxPositionEmbeddings)
        vocabSize = try c.decode(Int.self, forKey: .vocabSize, default: vocabSize)
        hiddenAct = try c.decode(String.self, forKey: .hiddenAct, default: hiddenAct)
        layerNormEps = try c.decode(Float.self, forKey: .layerNormEps, default: layerNormEps)
    }

    func validate() throws {
        guard numAttentionHeads > 0, hiddenSize % numAttentionHeads == 0 else {
            throw ModelError.invalidStructure("text encoder hidden_size \(hiddenSize) with \(numAttentionHeads) heads")
        }
        guard ["gelu", "quick_gelu"].contains(hiddenAct) else {
            throw ModelError.invalidStructure("text encoder hidden_act \(hiddenAct) (gelu or quick_gelu)")
        }
    }
}
