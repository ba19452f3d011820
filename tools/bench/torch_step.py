"""Times diffusers' modules on the CPU in float32 for the same work as one studio step:
one UNet3D call with both guidance halves (batch 2), one text encoding, and the VAE decode of all frames.

usage: python tools/bench/torch_step.py --model DIR [--frames 16] [--size 256] [--variant fp16]
Runs itself inside the pinned fixtures venv (tools/fixtures/fixtures_env.py builds it on first use).
Prints one line per figure.
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
from transformers import CLIPTextModel  # noqa: E402


def timed(label, fn):
    start = time.perf_counter()
    with torch.no_grad():
        out = fn()
    seconds = time.perf_counter() - start
    print(f"torch {label}: {seconds:.2f} s", flush=True)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--variant", default=None)
    parser.add_argument("--skip-decode", action="store_true")
    args = parser.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads", flush=True)
    kwargs = dict(torch_dtype=torch.float32, variant=args.variant)
    text = CLIPTextModel.from_pretrained(f"{args.model}/text_encoder", **kwargs).eval()
    unet = UNet3DConditionModel.from_pretrained(f"{args.model}/unet", **kwargs).eval()
    vae = AutoencoderKL.from_pretrained(f"{args.model}/vae", **kwargs).eval()
    generator = torch.Generator("cpu").manual_seed(0)
    ids = torch.randint(0, 49408, (1, 77), generator=generator)
    timed("text encoding", lambda: text(ids)[0])
    latent = args.size // 8
    sample = torch.randn((2, 4, args.frames, latent, latent), generator=generator)
    states = torch.randn((2, 77, unet.config.cross_attention_dim), generator=generator)
    timed(f"unet step (batch 2, {args.frames}x{latent}x{latent})", lambda: unet(sample, 981, states).sample)
    if not args.skip_decode:
        frames = torch.randn((args.frames, 4, latent, latent), generator=generator)
        timed(f"vae decode ({args.frames} frames)", lambda: vae.decode(frames).sample)
    print(f"torch peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
