"""On a GPU machine (PyTorch and diffusers there; no fixtures venv): writes the full-size ModelScope
text-to-video architecture with random fp16 weights in the diffusers layout (the configurations of
tools/fixtures/make_fixtures.py, the test tokenizer), then times diffusers' TextToVideoSDPipeline in fp16 on
the GPU for the same clip studio-engine's bench makes: total clip time, one guided UNet step (batch 2), the
VAE decode of every frame, one text encoding, and peak GPU memory. docs/BENCHMARKS.md has the commands.

usage: python3 tools/bench/full_size_gpu.py --out DIR [--frames 16] [--size 256] [--steps 50] [--guidance 9]
"""
import argparse
import json
import shutil
import time
from pathlib import Path

import torch
from diffusers import AutoencoderKL, DDIMScheduler, TextToVideoSDPipeline, UNet3DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

REPO = Path(__file__).resolve().parents[2]
TINY = REPO / "Tests/Fixtures/checkpoints/tiny-a"

UNET = dict(
    sample_size=32, in_channels=4, out_channels=4,
    down_block_types=("CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "DownBlock3D"),
    up_block_types=("UpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D"),
    block_out_channels=(320, 640, 1280, 1280), layers_per_block=2, downsample_padding=1,
    mid_block_scale_factor=1, act_fn="silu", norm_num_groups=32, norm_eps=1e-5,
    cross_attention_dim=1024, attention_head_dim=64,
)
VAE = dict(
    in_channels=3, out_channels=3, latent_channels=4, sample_size=512, scaling_factor=0.18215,
    down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
    block_out_channels=(128, 256, 512, 512), layers_per_block=2, act_fn="silu", norm_num_groups=32,
)


def write_model(out):
    """Random weights drawn on the GPU (seconds, not minutes), saved as fp16 safetensors."""
    if out.exists():
        shutil.rmtree(out)
    tokenizer_config = json.loads((TINY / "text_encoder/config.json").read_text())
    text_config = CLIPTextConfig(vocab_size=tokenizer_config["vocab_size"], hidden_size=1024, intermediate_size=4096,
                                 num_hidden_layers=23, num_attention_heads=16,
                                 max_position_embeddings=tokenizer_config["max_position_embeddings"],
                                 hidden_act="gelu", layer_norm_eps=1e-5, projection_dim=512)
    torch.manual_seed(0)
    with torch.device("cuda"):
        unet = UNet3DConditionModel(**UNET).half()
        vae = AutoencoderKL(**VAE).half()
        text = CLIPTextModel(text_config).half()
    for module in (unet, vae, text):
        module.eval().requires_grad_(False)
    # Zero-initialised layers (temporal conv4, proj_out) would let whole branches vanish; draw them too.
    with torch.no_grad():
        for module in (unet, vae):
            for parameter in module.parameters():
                if parameter.dim() > 1 and parameter.abs().max() == 0:
                    parameter.normal_(0, 0.02)
    unet.save_pretrained(out / "unet", safe_serialization=True)
    vae.save_pretrained(out / "vae", safe_serialization=True)
    text.save_pretrained(out / "text_encoder", safe_serialization=True)
    shutil.copytree(TINY / "scheduler", out / "scheduler")
    shutil.copytree(TINY / "tokenizer", out / "tokenizer")
    shutil.copy(TINY / "model_index.json", out / "model_index.json")
    return unet, vae, text


def cuda_seconds(fn, repeats=1):
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--guidance", type=float, default=9.0)
    args = parser.parse_args()
    started = time.perf_counter()
    unet, vae, text = write_model(args.out)
    print(f"full-size model written to {args.out} in {time.perf_counter() - started:.1f} s")
    tokenizer = CLIPTokenizer.from_pretrained(str(args.out / "tokenizer"))
    scheduler = DDIMScheduler.from_pretrained(str(args.out / "scheduler"))
    pipe = TextToVideoSDPipeline(vae=vae, text_encoder=text, tokenizer=tokenizer, unet=unet, scheduler=scheduler)
    pipe.set_progress_bar_config(disable=True)
    prompt = "a red circle moving left on a blue background"
    call = dict(prompt=prompt, num_frames=args.frames, height=args.size, width=args.size, guidance_scale=args.guidance,
                output_type="np", generator=torch.Generator("cuda").manual_seed(0))
    with torch.no_grad():
        pipe(**{**call, "num_inference_steps": 2})  # warm-up: cuDNN/cuBLAS choices, allocator
        torch.cuda.reset_peak_memory_stats()
        clip = cuda_seconds(lambda: pipe(**{**call, "num_inference_steps": args.steps}))
        peak = torch.cuda.max_memory_allocated()
        h = args.size // 8
        latents = torch.randn(2, 4, args.frames, h, h, device="cuda", dtype=torch.float16)
        states = torch.randn(2, 77, 1024, device="cuda", dtype=torch.float16)
        step = cuda_seconds(lambda: unet(latents, 500, encoder_hidden_states=states), repeats=10)
        frames = torch.randn(args.frames, 4, h, h, device="cuda", dtype=torch.float16)
        decode = cuda_seconds(lambda: vae.decode(frames), repeats=3)
        ids = tokenizer(prompt, padding="max_length", max_length=77, return_tensors="pt").input_ids.cuda()
        encode = cuda_seconds(lambda: text(ids), repeats=10)
    print(f"diffusers fp16 clip ({args.frames} frames, {args.size}², {args.steps} steps, guidance {args.guidance}): {clip:.3f} s")
    print(f"diffusers UNet step (batch 2): {step:.4f} s; VAE decode ({args.frames} frames): {decode:.4f} s; "
          f"text encoding: {encode:.4f} s; peak GPU memory (clip): {peak / 2**30:.2f} GiB")


if __name__ == "__main__":
    main()
