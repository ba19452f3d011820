import Foundation

/// The tensor names of the original ModelScope text-to-video checkpoint (UNetSD in
/// `text2video_pytorch_model.pth`, the LDM autoencoder in `VQGAN_autoencoder.pth`, OpenCLIP ViT-H-14 in
/// `open_clip_pytorch_model.bin`) mapped to the diffusers names the engine takes.
///
/// Each function takes the file's names and shapes and returns the engine's names. Tensors the model
/// does not use (OpenCLIP's image tower and last text layer, the autoencoder's training loss) are left
/// out on purpose; any other name the mapping does not know is kept as it is, so a checkpoint of another
/// architecture fails in `ComponentWeights.finish()` naming the stray tensors.
public enum ModelScopeKeyMapping {
    /// UNetSD → UNet3DConditionModel. `input_blocks.0` is conv_in + the first temporal transformer;
    /// `input_blocks.i` for i ≥ 1 walks the down blocks, `layersPerBlock` layers then a downsampler;
    /// `output_blocks.i` walks the up blocks with `layersPerBlock + 1` layers each. Inside a layer, `.0` is
    /// the resnet (with its `temopral_conv`, spelled so in the checkpoint), `.1` the spatial and `.2` the
    /// temporal transformer, and a last `.N.conv` the upsampler.
    public static func unet(_ shapes: [String: [Int]], layersPerBlock: Int) -> [String: MappedTensor] {
        let perBlock = layersPerBlock + 1
        var result: [String: MappedTensor] = [:]
        for (source, shape) in shapes {
            let name = source.hasPrefix("model.diffusion_model.") ? String(source.dropFirst("model.diffusion_model.".count)) : source
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var target = name
            func rest(from index: Int) -> String { parts.dropFirst(index).joined(separator: ".") }
            switch parts.first {
            case "time_embed" where parts.count == 3 && ["0", "2"].contains(parts[1]):
                target = "time_embedding.linear_\(parts[1] == "0" ? 1 : 2).\(parts[2])"
            case "out" where parts.count == 3 && ["0", "2"].contains(parts[1]):
                target = "\(parts[1] == "0" ? "conv_norm_out" : "conv_out").\(parts[2])"
            case "input_blocks" where parts.count >= 4:
                guard let index = Int(parts[1]) else { break }
                if index == 0 {
                    if parts[2] == "0" { target = "conv_in.\(rest(from: 3))" }
                    if parts[2] == "1" { target = "transformer_in.\(rest(from: 3))" }
                } else {
                    let block = (index - 1) / perBlock, layer = (index - 1) % perBlock
                    if parts[2] == "op" {
                        target = "down_blocks.\(block).downsamplers.0.conv.\(rest(from: 3))"
                    } else if let inner = layerTarget(parts[2], rest(from: 3)) {
                        target = "down_blocks.\(block).\(inner.kind).\(layer).\(inner.rest)"
                    }
                }
            case "middle_block" where parts.count >= 4:
                switch parts[1] {
                case "0", "3":
                    if let inner = layerTarget("0", rest(from: 2)) {
                        target = "mid_block.\(inner.kind).\(parts[1] == "0" ? 0 : 1).\(inner.rest)"
                    }
                case "1": target = "mid_block.attentions.0.\(rest(from: 2))"
                case "2": target = "mid_block.temp_attentions.0.\(rest(from: 2))"
                default: break
                }
            case "output_blocks" where parts.count >= 4:
                guard let index = Int(parts[1]) else { break }
                let block = index / perBlock, layer = index % perBlock
                if parts[2] != "0", parts[3] == "conv", parts.count == 5 {
                    target = "up_blocks.\(block).upsamplers.0.conv.\(parts[4])"
                } else if let inner = layerTarget(parts[2], rest(from: 3)) {
                    target = "up_blocks.\(block).\(inner.kind).\(layer).\(inner.rest)"
                }
            default:
                break
            }
            result[target] = MappedTensor(source: source, shape: linearProjectionShape(target, shape))
        }
        return result
    }

    /// The part of a UNetSD layer (`0` resnet, `1` spatial, `2` temporal transformer) as a diffusers
    /// module list and the name inside it.
    private static func layerTarget(_ slot: String, _ rest: String) -> (kind: String, rest: String)? {
        switch slot {
        case "0":
            if rest.hasPrefix("temopral_conv.") { return ("temp_convs", String(rest.dropFirst("temopral_conv.".count))) }
            for (old, new) in resnetNames where rest.hasPrefix(old + ".") {
                return ("resnets", new + rest.dropFirst(old.count))
            }
            return nil
        case "1": return ("attentions", rest)
        case "2": return ("temp_attentions", rest)
        default: return nil
        }
    }

    private static let resnetNames: [(String, String)] = [
        ("in_layers.0", "norm1"), ("in_layers.2", "conv1"), ("out_layers.0", "norm2"), ("out_layers.3", "conv2"),
        ("emb_layers.1", "time_emb_proj"), ("skip_connection", "conv_shortcut"),
    ]

    /// Temporal transformers project with Conv1d ([C, C, 1]); the engine holds every transformer
    /// projection as a linear layer.
    private static func linearProjectionShape(_ name: String, _ shape: [Int]) -> [Int] {
        guard name.hasSuffix("proj_in.weight") || name.hasSuffix("proj_out.weight"), shape.count > 2,
              shape.dropFirst(2).allSatisfy({ $0 == 1 }) else { return shape }
        return Array(shape.prefix(2))
    }

    /// LDM autoencoder → AutoencoderKL. The decoder's `up.i` counts from the lowest resolution upward
    /// in LDM, the other way in diffusers. `loss.*` (the training discriminator) is dropped.
    public static func vae(_ shapes: [String: [Int]]) -> [String: MappedTensor] {
        let levels = Set(shapes.keys.compactMap { name -> Int? in
            let parts = name.split(separator: ".")
            return parts.count > 2 && parts[0] == "decoder" && parts[1] == "up" ? Int(parts[2]) : nil
        }).count
        var result: [String: MappedTensor] = [:]
        for (source, shape) in shapes where !source.hasPrefix("loss.") {
            let parts = source.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var target = source
            var targetShape = shape
            if parts.count >= 3, ["encoder", "decoder"].contains(parts[0]) {
                let side = parts[0], tail = parts.dropFirst(2).joined(separator: ".")
                switch parts[1] {
                case "norm_out": target = "\(side).conv_norm_out.\(tail)"
                case "mid" where parts.count >= 5:
                    let inner = parts.dropFirst(3).joined(separator: ".")
                    if parts[2] == "block_1" || parts[2] == "block_2" {
                        target = "\(side).mid_block.resnets.\(parts[2] == "block_1" ? 0 : 1).\(vaeResnet(inner))"
                    } else if parts[2] == "attn_1", let renamed = attentionNames[parts[3]] {
                        target = "\(side).mid_block.attentions.0.\(renamed).\(parts.dropFirst(4).joined(separator: "."))"
                        if shape.count == 4, shape[2] == 1, shape[3] == 1 { targetShape = Array(shape.prefix(2)) }
                    }
                case "down" where parts.count >= 5:
                    let inner = parts.dropFirst(5).joined(separator: ".")
                    if parts[3] == "block" { target = "\(side).down_blocks.\(parts[2]).resnets.\(parts[4]).\(vaeResnet(inner))" }
                    if parts[3] == "downsample" { target = "\(side).down_blocks.\(parts[2]).downsamplers.0.\(parts.dropFirst(4).joined(separator: "."))" }
                case "up" where parts.count >= 5:
                    guard let level = Int(parts[2]) else { break }
                    let block = levels - 1 - level
                    let inner = parts.dropFirst(5).joined(separator: ".")
                    if parts[3] == "block" { target = "\(side).up_blocks.\(block).resnets.\(parts[4]).\(vaeResnet(inner))" }
                    if parts[3] == "upsample" { target = "\(side).up_blocks.\(block).upsamplers.0.\(parts.dropFirst(4).joined(separator: "."))" }
                default:
                    break
                }
            }
            result[target] = MappedTensor(source: source, shape: targetShape)
        }
        return result
    }

    private static let attentionNames = ["norm": "group_norm", "q": "to_q", "k": "to_k", "v": "to_v", "proj_out": "to_out.0"]

    private static func vaeResnet(_ name: String) -> String {
        name.hasPrefix("nin_shortcut.") ? "conv_shortcut." + name.dropFirst("nin_shortcut.".count) : name
    }

    /// OpenCLIP text tower → transformers' CLIPTextModel, keeping all but the last layer: ModelScope
    /// conditions on the penultimate layer's output (followed by the final layer norm), which is what a
    /// CLIPTextModel one layer shorter computes. The packed `in_proj` splits into q, k and v by rows.
    public static func textEncoder(_ shapes: [String: [Int]]) -> [String: MappedTensor] {
        let layerCount = Set(shapes.keys.compactMap { name -> Int? in
            let parts = name.split(separator: ".")
            return parts.count > 3 && parts[0] == "transformer" && parts[1] == "resblocks" ? Int(parts[2]) : nil
        }).count
        let dropped: Set<String> = ["text_projection", "logit_scale", "attn_mask"]
        var result: [String: MappedTensor] = [:]
        for (source, shape) in shapes where !dropped.contains(source) && !source.hasPrefix("visual.") {
            let parts = source.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            switch source {
            case "token_embedding.weight":
                result["text_model.embeddings.token_embedding.weight"] = MappedTensor(source: source, shape: shape)
                continue
            case "positional_embedding":
                result["text_model.embeddings.position_embedding.weight"] = MappedTensor(source: source, shape: shape)
                continue
            default:
                break
            }
            if parts.first == "ln_final", parts.count == 2 {
                result["text_model.final_layer_norm.\(parts[1])"] = MappedTensor(source: source, shape: shape)
                continue
            }
            guard parts.count >= 4, parts[0] == "transformer", parts[1] == "resblocks", let layer = Int(parts[2]) else {
                result[source] = MappedTensor(source: source, shape: shape)
                continue
            }
            if layer == layerCount - 1 { continue }
            let prefix = "text_model.encoder.layers.\(layer)."
            let inner = parts.dropFirst(3).joined(separator: ".")
            if inner == "attn.in_proj_weight" || inner == "attn.in_proj_bias", let rows = shape.first, rows % 3 == 0 {
                let width = rows / 3, kind = inner.hasSuffix("weight") ? "weight" : "bias"
                for (index, projection) in ["q_proj", "k_proj", "v_proj"].enumerated() {
                    result["\(prefix)self_attn.\(projection).\(kind)"] = MappedTensor(
                        source: source, rows: (index * width)..<((index + 1) * width), shape: [width] + shape.dropFirst())
                }
                continue
            }
            let renamed = textNames.first { inner.hasPrefix($0.0 + ".") }.map { $0.1 + inner.dropFirst($0.0.count) } ?? inner
            result[prefix + renamed] = MappedTensor(source: source, shape: shape)
        }
        return result
    }

    private static let textNames: [(String, String)] = [
        ("ln_1", "layer_norm1"), ("ln_2", "layer_norm2"), ("mlp.c_fc", "mlp.fc1"), ("mlp.c_proj", "mlp.fc2"),
        ("attn.out_proj", "self_attn.out_proj"),
    ]
}
