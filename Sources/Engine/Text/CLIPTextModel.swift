import Foundation

/// transformers' CLIPTextModel: token + position embeddings, pre-LN causal transformer layers, final
/// LayerNorm; returns `last_hidden_state` [tokens, hidden], what the UNet cross-attends to.
public struct CLIPTextModel {
    struct EncoderLayer {
        let layerNorm1: LayerNorm
        let qProj: Linear, kProj: Linear, vProj: Linear, outProj: Linear
        let layerNorm2: LayerNorm
        let fc1: Linear, fc2: Linear
    }

    public let config: CLIPTextConfig
    let tokenEmbedding: Parameter
    let positionEmbedding: Parameter
    let layers: [EncoderLayer]
    let finalLayerNorm: LayerNorm

    public init(config: CLIPTextConfig, weights: ComponentWeights) throws {
        try config.validate()
        self.config = config
        // Hub checkpoints prefix every key with `text_model.`; transformers 5 saves without it.
        let prefix = weights.contains("text_model.final_layer_norm.weight") ? "text_model." : ""
        weights.ignore("\(prefix)embeddings.position_ids")
        let width = config.hiddenSize, eps = config.layerNormEps
        tokenEmbedding = try weights.parameter("\(prefix)embeddings.token_embedding.weight", shape: [config.vocabSize, width])
        positionEmbedding = try weights.parameter("\(prefix)embeddings.position_embedding.weight",
                                             shape: [config.maxPositionEmbeddings, width])
        layers = try (0..<config.numHiddenLayers).map { i in
            let p = "\(prefix)encoder.layers.\(i)"
            return EncoderLayer(
                layerNorm1: try LayerNorm(weights, "\(p).layer_norm1", width: width, eps: eps),
                qProj: try Linear(weights, "\(p).self_attn.q_proj", inputs: width, outputs: width),
                kProj: try Linear(weights, "\(p).self_attn.k_proj", inputs: width, outputs: width),
                vProj: try Linear(weights, "\(p).self_attn.v_proj", inputs: width, outputs: width),
                outProj: try Linear(weights, "\(p).self_attn.out_proj", inputs: width, outputs: width),
                layerNorm2: try LayerNorm(weights, "\(p).layer_norm2", width: width, eps: eps),
                fc1: try Linear(weights, "\(p).mlp.fc1", inputs: width, outputs: config.intermediateSize),
                fc2: try Linear(weights, "\(p).mlp.fc2", inputs: config.intermediateSize, outputs: width))
        }
        finalLayerNorm = try LayerNorm(weights, "\(prefix)final_layer_norm", width: width, eps: eps)
    }

    /// Encodes token ids (one prompt, at most max_position_embeddings long) to [1, tokens, hidden],
    /// held by `backend` (the embeddings are looked up on the host, the layers run on the backend).
    public func callAsFunction(_ ids: [Int32], on backend: any Backend = CPUBackend.shared) throws -> Tensor {
        let width = config.hiddenSize
        guard !ids.isEmpty, ids.count <= config.maxPositionEmbeddings else {
            throw ModelError.invalidInput("\(ids.count) tokens for a text encoder of \(config.maxPositionEmbeddings) positions")
        }
        let embedded = Tensor(uninitialized: [1, ids.count, width])
        let place = Tensor(uninitialized: [width])
        for (position, id) in ids.enumerated() {
            guard id >= 0, Int(id) < config.vocabSize else {
                throw ModelError.invalidInput("token id \(id) outside the vocabulary of \(config.vocabSize)")
            }
            let row = embedded.pointer + position * width
            tokenEmbedding.copyRow(Int(id), to: row)
            positionEmbedding.copyRow(position, to: place.pointer)
            for i in 0..<width { row[i] += place.pointer[i] }
        }
        var x = embedded.on(backend)
        for layer in layers {
            let normed = layer.layerNorm1(x)
            let attended = Tensor.attention(
                query: layer.qProj(normed), key: layer.kProj(normed), value: layer.vProj(normed),
                heads: config.numAttentionHeads, causal: true)
            let h = layer.outProj(attended)
            h.addInPlace(x)
            let hidden = layer.fc1(layer.layerNorm2(h))
            let activated = config.hiddenAct == "gelu" ? hidden.gelu() : hidden.quickGELU()
            x = layer.fc2(activated)
            x.addInPlace(h)
        }
        return finalLayerNorm(x)
    }
}
