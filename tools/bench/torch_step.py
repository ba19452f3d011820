"""Times diffusers' modules on the CPU in float32 for the same work as one studio step:
one UNet3D call with both guidance halves (batch 2), one text encoding, and the VAE decode of all frames.
Also counts each part's FLOPs with torch.utils.flop_counter on the meta device (shapes only, no
arithmetic), the reference for the engine's own count (Engine's FLOPCount).

usage: python tools/bench/torch_step.py --model DIR [--frames 16] [--size 256] [--variant fp16] [--flops-only]
Runs itself inside the pinned fixtures venv (tools/fixtures/fixtures_env.py builds it on first use).
Prints one line per figure. Warm-up: the text encoding is timed on its second call (the first builds
oneDNN's primitives and costs more than the encoding); the UNet step and the decode, which take tens of
seconds, are timed on their first call, as the engine's are.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from fixtures_env import ensure_venv_and_reexec  # noqa: E402

ensure_venv_and_reexec()

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

import torch  # noqa: E402
from diffusers import AutoencoderKL, UNet3DConditionModel  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402
from transformers import CLIPTextConfig, CLIPTextModel  # noqa: E402


def timed(label, fn):
    start = time.perf_counter()
    with torch.no_grad():
        out = fn()
    seconds = time.perf_counter() - start
    print(f"torch {label}: {seconds:.2f} s", flush=True)
    return out


def count_flops(model_dir, frames, size):
    """FLOPs of the text encoding, the guided UNet step and the decode, counted on the meta device."""
    with torch.device("meta"):
        unet = UNet3DConditionModel.from_config(UNet3DConditionModel.load_config(f"{model_dir}/unet"))
        vae = AutoencoderKL.from_config(AutoencoderKL.load_config(f"{model_dir}/vae"))
        text = CLIPTextModel(CLIPTextConfig.from_pretrained(f"{model_dir}/text_encoder"))
        latent = size // 2 ** (len(vae.config.block_out_channels) - 1)
        parts = {
            "text encoding": (lambda: text(torch.zeros((1, 77), dtype=torch.long))),
            "unet step": (lambda: unet(torch.zeros((2, unet.config.in_channels, frames, latent, latent)), 981,
                                       torch.zeros((2, 77, unet.config.cross_attention_dim))).sample),
            "vae decode": (lambda: vae.decode(torch.zeros((frames, vae.config.latent_channels, latent, latent))).sample),
        }
        for label, run in parts.items():
            with torch.no_grad(), FlopCounterMode(display=False) as counter:
                run()
            print(f"torch flops {label}: {counter.get_total_flops()}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--variant", default=None)
    parser.add_argument("--skip-decode", action="store_true")
    parser.add_argument("--flops-only", action="store_true", help="count FLOPs only; load no weights, time nothing")
    args = parser.parse_args()
    count_flops(args.model, args.frames, args.size)
    if args.flops_only:
        return
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads", flush=True)
    kwargs = dict(torch_dtype=torch.float32, variant=args.variant)
    text = CLIPTextModel.from_pretrained(f"{args.model}/text_encoder", **kwargs).eval()
    unet = UNet3DConditionModel.from_pretrained(f"{args.model}/unet", **kwargs).eval()
    vae = AutoencoderKL.from_pretrained(f"{args.model}/vae", **kwargs).eval()
    generator = torch.Generator("cpu").manual_seed(0)
    ids = torch.randint(0, 49408, (1, 77), generator=generator)
    with torch.no_grad():
        text(ids)
    timed("text encoding", lambda: text(ids)[0])
    latent = args.size // 2 ** (len(vae.config.block_out_channels) - 1)
    sample = torch.randn((2, 4, args.frames, latent, latent), generator=generator)
    states = torch.randn((2, 77, unet.config.cross_attention_dim), generator=generator)
    timed(f"unet step (batch 2, {args.frames}x{latent}x{latent})", lambda: unet(sample, 981, states).sample)
    if not args.skip_decode:
        frames = torch.randn((args.frames, 4, latent, latent), generator=generator)
        timed(f"vae decode ({args.frames} frames)", lambda: vae.decode(frames).sample)
    print(f"torch peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
