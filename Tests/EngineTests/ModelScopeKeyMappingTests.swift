import XCTest
@testable import Engine

/// Names as the full-size ModelScope checkpoint spells them (2 layers per block, 4 levels, no attention
/// at the lowest resolution), checked against the diffusers names of damo-vilab/text-to-video-ms-1.7b.
final class ModelScopeKeyMappingTests: XCTestCase {
    private func targets(_ mapping: [String: MappedTensor]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: mapping.map { ($0.value.source, $0.key) })
    }

    func testUNetNamesFollowTheBlockLayout() {
        let shapes: [String: [Int]] = [
            "time_embed.0.weight": [1280, 320], "time_embed.2.bias": [1280],
            "input_blocks.0.0.weight": [320, 4, 3, 3], "input_blocks.0.1.proj_in.weight": [320, 320, 1],
            "input_blocks.2.0.in_layers.2.weight": [320, 320, 3, 3],
            "input_blocks.2.0.temopral_conv.conv4.3.weight": [320, 320, 3, 1, 1],
            "input_blocks.3.op.weight": [320, 320, 3, 3],
            "input_blocks.4.0.skip_connection.weight": [640, 320, 1, 1],
            "input_blocks.5.1.transformer_blocks.0.attn2.to_k.weight": [640, 1024],
            "input_blocks.5.2.proj_out.weight": [640, 640, 1],
            "input_blocks.11.0.emb_layers.1.bias": [1280],
            "middle_block.0.out_layers.3.weight": [1280, 1280, 3, 3],
            "middle_block.3.temopral_conv.conv1.0.bias": [1280],
            "middle_block.1.proj_in.weight": [1280, 1280], "middle_block.2.norm.weight": [1280],
            "output_blocks.2.1.conv.weight": [1280, 1280, 3, 3],
            "output_blocks.5.3.conv.bias": [1280],
            "output_blocks.4.1.proj_out.weight": [1280, 1280],
            "output_blocks.11.0.out_layers.0.weight": [320],
            "out.0.weight": [320], "out.2.bias": [4],
            "some.other.weight": [3],
        ]
        let mapping = ModelScopeKeyMapping.unet(shapes, layersPerBlock: 2)
        let names = targets(mapping)
        XCTAssertEqual(names["time_embed.0.weight"], "time_embedding.linear_1.weight")
        XCTAssertEqual(names["time_embed.2.bias"], "time_embedding.linear_2.bias")
        XCTAssertEqual(names["input_blocks.0.0.weight"], "conv_in.weight")
        XCTAssertEqual(names["input_blocks.0.1.proj_in.weight"], "transformer_in.proj_in.weight")
        XCTAssertEqual(names["input_blocks.2.0.in_layers.2.weight"], "down_blocks.0.resnets.1.conv1.weight")
        XCTAssertEqual(names["input_blocks.2.0.temopral_conv.conv4.3.weight"], "down_blocks.0.temp_convs.1.conv4.3.weight")
        XCTAssertEqual(names["input_blocks.3.op.weight"], "down_blocks.0.downsamplers.0.conv.weight")
        XCTAssertEqual(names["input_blocks.4.0.skip_connection.weight"], "down_blocks.1.resnets.0.conv_shortcut.weight")
        XCTAssertEqual(names["input_blocks.5.1.transformer_blocks.0.attn2.to_k.weight"], "down_blocks.1.attentions.1.transformer_blocks.0.attn2.to_k.weight")
        XCTAssertEqual(names["input_blocks.5.2.proj_out.weight"], "down_blocks.1.temp_attentions.1.proj_out.weight")
        XCTAssertEqual(names["input_blocks.11.0.emb_layers.1.bias"], "down_blocks.3.resnets.1.time_emb_proj.bias")
        XCTAssertEqual(names["middle_block.0.out_layers.3.weight"], "mid_block.resnets.0.conv2.weight")
        XCTAssertEqual(names["middle_block.3.temopral_conv.conv1.0.bias"], "mid_block.temp_convs.1.conv1.0.bias")
        XCTAssertEqual(names["middle_block.1.proj_in.weight"], "mid_block.attentions.0.proj_in.weight")
        XCTAssertEqual(names["middle_block.2.norm.weight"], "mid_block.temp_attentions.0.norm.weight")
        XCTAssertEqual(names["output_blocks.2.1.conv.weight"], "up_blocks.0.upsamplers.0.conv.weight")
        XCTAssertEqual(names["output_blocks.5.3.conv.bias"], "up_blocks.1.upsamplers.0.conv.bias")
        XCTAssertEqual(names["output_blocks.4.1.proj_out.weight"], "up_blocks.1.attentions.1.proj_out.weight")
        XCTAssertEqual(names["output_blocks.11.0.out_layers.0.weight"], "up_blocks.3.resnets.2.norm2.weight")
        XCTAssertEqual(names["out.0.weight"], "conv_norm_out.weight")
        XCTAssertEqual(names["out.2.bias"], "conv_out.bias")
        XCTAssertEqual(names["some.other.weight"], "some.other.weight", "unknown names stay visible to finish()")
        XCTAssertEqual(mapping["transformer_in.proj_in.weight"]?.shape, [320, 320])
        XCTAssertEqual(mapping["down_blocks.1.temp_attentions.1.proj_out.weight"]?.shape, [640, 640])
        XCTAssertEqual(mapping["down_blocks.0.temp_convs.1.conv4.3.weight"]?.shape, [320, 320, 3, 1, 1])
    }

    func testThePrefixOfALightningCheckpointIsDropped() {
        let mapping = ModelScopeKeyMapping.unet(["model.diffusion_model.out.2.weight": [4, 320, 3, 3]], layersPerBlock: 2)
        XCTAssertEqual(mapping["conv_out.weight"]?.source, "model.diffusion_model.out.2.weight")
    }

    func testVAEUpBlocksAreCountedFromTheTopAndAttentionBecomesLinear() {
        let shapes: [String: [Int]] = [
            "decoder.up.0.block.2.conv1.weight": [128, 128, 3, 3], "decoder.up.3.upsample.conv.weight": [512, 512, 3, 3],
            "decoder.up.1.block.0.nin_shortcut.weight": [256, 512, 1, 1], "decoder.up.2.block.0.norm1.weight": [512],
            "encoder.down.1.downsample.conv.bias": [256], "encoder.down.0.block.1.norm2.weight": [128],
            "encoder.mid.attn_1.q.weight": [512, 512, 1, 1], "decoder.mid.attn_1.proj_out.bias": [512],
            "decoder.mid.block_2.conv2.weight": [512, 512, 3, 3], "encoder.norm_out.weight": [512],
            "quant_conv.weight": [8, 8, 1, 1], "loss.discriminator.main.0.weight": [64, 3, 4, 4],
        ]
        let mapping = ModelScopeKeyMapping.vae(shapes)
        let names = targets(mapping)
        XCTAssertEqual(names["decoder.up.0.block.2.conv1.weight"], "decoder.up_blocks.3.resnets.2.conv1.weight")
        XCTAssertEqual(names["decoder.up.3.upsample.conv.weight"], "decoder.up_blocks.0.upsamplers.0.conv.weight")
        XCTAssertEqual(names["decoder.up.1.block.0.nin_shortcut.weight"], "decoder.up_blocks.2.resnets.0.conv_shortcut.weight")
        XCTAssertEqual(names["encoder.down.1.downsample.conv.bias"], "encoder.down_blocks.1.downsamplers.0.conv.bias")
        XCTAssertEqual(names["encoder.down.0.block.1.norm2.weight"], "encoder.down_blocks.0.resnets.1.norm2.weight")
        XCTAssertEqual(names["encoder.mid.attn_1.q.weight"], "encoder.mid_block.attentions.0.to_q.weight")
        XCTAssertEqual(names["decoder.mid.attn_1.proj_out.bias"], "decoder.mid_block.attentions.0.to_out.0.bias")
        XCTAssertEqual(names["decoder.mid.block_2.conv2.weight"], "decoder.mid_block.resnets.1.conv2.weight")
        XCTAssertEqual(names["encoder.norm_out.weight"], "encoder.conv_norm_out.weight")
        XCTAssertEqual(names["quant_conv.weight"], "quant_conv.weight")
        XCTAssertNil(names["loss.discriminator.main.0.weight"])
        XCTAssertEqual(mapping["encoder.mid_block.attentions.0.to_q.weight"]?.shape, [512, 512])
    }

    func testTextEncoderSplitsThePackedProjectionAndDropsTheLastLayer() {
        let shapes: [String: [Int]] = [
            "token_embedding.weight": [49408, 8], "positional_embedding": [77, 8], "ln_final.bias": [8],
            "transformer.resblocks.0.attn.in_proj_weight": [24, 8], "transformer.resblocks.0.attn.in_proj_bias": [24],
            "transformer.resblocks.0.mlp.c_fc.weight": [32, 8], "transformer.resblocks.0.ln_2.bias": [8],
            "transformer.resblocks.1.attn.out_proj.weight": [8, 8], "transformer.resblocks.1.ln_1.weight": [8],
            "transformer.resblocks.2.ln_1.weight": [8], "text_projection": [8, 8], "logit_scale": [],
            "visual.proj": [8, 8],
        ]
        let mapping = ModelScopeKeyMapping.textEncoder(shapes)
        XCTAssertEqual(Set(mapping.keys), [
            "text_model.embeddings.token_embedding.weight", "text_model.embeddings.position_embedding.weight",
            "text_model.final_layer_norm.bias",
            "text_model.encoder.layers.0.self_attn.q_proj.weight", "text_model.encoder.layers.0.self_attn.k_proj.weight",
            "text_model.encoder.layers.0.self_attn.v_proj.weight", "text_model.encoder.layers.0.self_attn.q_proj.bias",
            "text_model.encoder.layers.0.self_attn.k_proj.bias", "text_model.encoder.layers.0.self_attn.v_proj.bias",
            "text_model.encoder.layers.0.mlp.fc1.weight", "text_model.encoder.layers.0.layer_norm2.bias",
            "text_model.encoder.layers.1.self_attn.out_proj.weight", "text_model.encoder.layers.1.layer_norm1.weight",
        ])
        XCTAssertEqual(mapping["text_model.encoder.layers.0.self_attn.k_proj.weight"],
                       MappedTensor(source: "transformer.resblocks.0.attn.in_proj_weight", rows: 8..<16, shape: [8, 8]))
        XCTAssertEqual(mapping["text_model.encoder.layers.0.self_attn.v_proj.bias"],
                       MappedTensor(source: "transformer.resblocks.0.attn.in_proj_bias", rows: 16..<24, shape: [8]))
    }
}
