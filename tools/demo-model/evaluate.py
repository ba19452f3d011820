"""Scores demo-model clips against their captions: background colour, the moving blob's dominant colour,
and its motion (direction of the centroid's travel, or growing/shrinking from its area).

Modes:
  truth [--start free]       score dataset-rendered held-out clips (checks the scorer itself; ≈100% expected)
  pipeline --model DIR       sample held-out prompts with diffusers' TextToVideoSDPipeline (DDIM) and score
  swift --studio BIN         run `studio generate --output x.npy` for held-out prompts over seeds and score
  npy FILE --combo S,C,M,B   score one (F, H, W, 3) float .npy clip in [0, 1]
  text --model DIR           how far apart the text encoder keeps captions that differ in one word (the UNet
                             cannot follow a word whose captions encode alike)
  caption-gap --model DIR    how much lower the UNet's denoising loss is with the clip's own direction word
                             than with the opposite one, at the noisy steps where the direction is decided
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dataset  # noqa: E402

PALETTE_NAMES = list(dataset.COLOURS)
PALETTE = np.array([dataset.COLOURS[n] for n in PALETTE_NAMES], dtype=np.float32) / 255.0
FOREGROUND_DISTANCE = 0.25  # RGB distance in [0, 1] units from the background colour
MIN_TRAVEL = 6.0  # pixels over the clip for a move to count as one
TRANSLATIONS = ("left", "right", "up", "down")


def nearest_colour(rgb: np.ndarray) -> np.ndarray:
    """Indices into PALETTE for an (..., 3) array."""
    d = ((rgb[..., None, :] - PALETTE) ** 2).sum(-1)
    return d.argmin(-1)


def analyse(frames: np.ndarray) -> dict:
    """frames: (F, H, W, 3) in [0, 1]. Returns the measured background, colour and motion."""
    frames = np.clip(np.asarray(frames, dtype=np.float32), 0, 1)
    f, h, w, _ = frames.shape
    border = np.concatenate([frames[:, 0], frames[:, -1], frames[:, :, 0], frames[:, :, -1]], axis=1)
    bg_rgb = np.median(border.reshape(-1, 3), axis=0)
    bg = int(nearest_colour(bg_rgb))
    mask = np.sqrt(((frames - bg_rgb) ** 2).sum(-1)) > FOREGROUND_DISTANCE  # (F, H, W)
    result = {"background": PALETTE_NAMES[bg], "colour": None, "motion": None, "travel": [0.0, 0.0],
              "area_ratio": None}
    if mask.sum() < 3 * f:
        return result
    labels = nearest_colour(frames[mask])
    votes = np.bincount(labels, minlength=len(PALETTE_NAMES))
    votes[bg] = 0  # anti-aliased edges near the background colour are not the blob's colour
    result["colour"] = PALETTE_NAMES[int(votes.argmax())] if votes.sum() else None
    ys, xs = np.mgrid[0:h, 0:w]
    areas = mask.sum((1, 2)).astype(np.float32)
    valid = areas >= 3
    if valid.sum() < 2:
        return result
    t = np.arange(f, dtype=np.float32)[valid]
    cx = (mask * xs).sum((1, 2))[valid] / areas[valid]
    cy = (mask * ys).sum((1, 2))[valid] / areas[valid]
    span = f - 1
    travel_x = np.polyfit(t, cx, 1)[0] * span
    travel_y = np.polyfit(t, cy, 1)[0] * span
    result["travel"] = [float(travel_x), float(travel_y)]
    first, last = areas[:2].mean(), areas[-2:].mean()
    ratio = float(last / max(first, 1.0))
    result["area_ratio"] = ratio
    if max(abs(travel_x), abs(travel_y)) >= MIN_TRAVEL:
        if abs(travel_x) >= abs(travel_y):
            result["motion"] = "right" if travel_x > 0 else "left"
        else:
            result["motion"] = "down" if travel_y > 0 else "up"
    elif ratio > 1.5:
        result["motion"] = "growing"
    elif ratio < 1 / 1.5:
        result["motion"] = "shrinking"
    else:
        result["motion"] = "static"
    return result


def score(frames: np.ndarray, combo: dataset.Combo) -> dict:
    got = analyse(frames)
    return {**got, "want": [combo.shape, combo.colour, combo.motion, combo.background],
            "colour_ok": got["colour"] == combo.colour, "background_ok": got["background"] == combo.background,
            "motion_ok": got["motion"] == combo.motion}


def summarise(scores: list[dict]) -> dict:
    def rate(items, key):
        return round(sum(s[key] for s in items) / len(items), 4) if items else None
    moves = [s for s in scores if s["want"][2] in TRANSLATIONS]
    # The two axes are reported apart because the model learns them at different speeds (up/down first).
    horizontal = [s for s in moves if s["want"][2] in ("left", "right")]
    vertical = [s for s in moves if s["want"][2] in ("up", "down")]
    return {"clips": len(scores), "colour": rate(scores, "colour_ok"), "background": rate(scores, "background_ok"),
            "direction (left/right/up/down prompts)": rate(moves, "motion_ok"),
            "direction (left/right prompts)": rate(horizontal, "motion_ok"),
            "direction (up/down prompts)": rate(vertical, "motion_ok"),
            "motion (all prompts)": rate(scores, "motion_ok")}


def print_summary(title: str, summary: dict) -> None:
    print(title)
    for key, value in summary.items():
        print(f"  {key}: {value if key == 'clips' else f'{100 * value:.1f}%'}")


def mode_truth(args) -> list[dict]:
    import torch
    prompts = dataset.eval_prompts()
    scores = []
    for seed in args.seeds:
        clips = dataset.render([c for c, _ in prompts], torch.Generator().manual_seed(seed), start=args.start)
        frames = ((clips + 1) / 2).permute(0, 2, 3, 4, 1).numpy()  # (n, F, H, W, 3)
        scores += [score(frames[i], c) for i, (c, _) in enumerate(prompts)]
    return scores


def chosen_prompts(args) -> list[tuple[dataset.Combo, str]]:
    prompts = [(c, p) for c, p in dataset.eval_prompts() if not args.motions or c.motion in args.motions]
    return prompts[: args.limit]


def mode_pipeline(args) -> list[dict]:
    import torch
    from diffusers import DDIMScheduler, TextToVideoSDPipeline
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pipe = TextToVideoSDPipeline.from_pretrained(str(args.model), torch_dtype=torch.float32).to(device)
    pipe.scheduler = DDIMScheduler.from_config(pipe.scheduler.config)
    pipe.set_progress_bar_config(disable=True)
    prompts = chosen_prompts(args)
    scores, samples = [], []
    for seed in args.seeds:
        generator = torch.Generator(device=device).manual_seed(seed)
        out = pipe([p for _, p in prompts], num_frames=dataset.FRAMES, num_inference_steps=args.steps,
                   guidance_scale=args.guidance, generator=generator, output_type="np").frames
        out = np.asarray(out)  # (n, F, H, W, 3)
        samples.append(out)
        scores += [dict(score(out[i], c), prompt=p, seed=seed) for i, (c, p) in enumerate(prompts)]
    if args.samples:
        np.save(args.samples, (np.stack(samples) * 255).round().astype(np.uint8))
    return scores


def mode_swift(args) -> list[dict]:
    prompts = chosen_prompts(args)
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            for i, (combo, prompt) in enumerate(prompts):
                path = Path(tmp) / f"{seed}-{i}.npy"
                command = [str(args.studio), "generate", "--model", str(args.model), "--prompt", prompt,
                           "--seed", str(seed), "--steps", str(args.steps), "--guidance", str(args.guidance),
                           "--frames", str(dataset.FRAMES), "--output", str(path)]
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                scores.append(dict(score(np.load(path), combo), prompt=prompt, seed=seed))
    return scores


TEXT_PAIRS = (("moving left", "moving right"), ("moving up", "moving down"), ("growing", "shrinking"),
              ("moving left", "moving up"))


def mode_text(args) -> dict:
    """Distance between the encoder's 77 states for canonical captions that differ only in the motion (and,
    for scale, only in the shape's colour), averaged over the held-out combos' shapes and colours."""
    import torch
    from transformers import CLIPTextModel, CLIPTokenizer
    tokenizer = CLIPTokenizer.from_pretrained(str(args.model / "tokenizer"))
    encoder = CLIPTextModel.from_pretrained(str(args.model / "text_encoder")).eval()

    def states(prompts):
        ids = tokenizer(prompts, padding="max_length", max_length=tokenizer.model_max_length, truncation=True,
                        return_tensors="pt").input_ids
        with torch.no_grad():
            return encoder(ids)[0]

    combos = sorted({(c.shape, c.colour, c.background) for c in dataset.HELD_OUT})
    rows = {}
    for a, b in TEXT_PAIRS:
        first = states([f"a {c} {s} {a} on a {bg} background" for s, c, bg in combos])
        second = states([f"a {c} {s} {b} on a {bg} background" for s, c, bg in combos])
        rows[f"{a} / {b}"] = (first - second).norm(dim=-1)
    def another_colour(colour, background):
        names = [n for n in PALETTE_NAMES if n not in (colour, background)]
        return names[PALETTE_NAMES.index(colour) % len(names)]
    recoloured = [(s, another_colour(c, bg), bg) for s, c, bg in combos]
    first = states([f"a {c} {s} moving left on a {bg} background" for s, c, bg in combos])
    second = states([f"a {c} {s} moving left on a {bg} background" for s, c, bg in recoloured])
    rows["one colour / another"] = (first - second).norm(dim=-1)
    length = first.norm(dim=-1).mean().item()
    report = {k: {"mean": round(v.mean().item(), 4), "max": round(v.max().item(), 4)} for k, v in rows.items()}
    print(f"text encoder of {args.model}: distance between the 77 states of captions differing in one word "
          f"(a state's length: {length:.2f}), over {len(combos)} held-out shape/colour/background triples")
    for key, value in report.items():
        print(f"  {key}: mean {value['mean']:.3f}, max {value['max']:.3f}")
    return report


def mode_caption_gap(args) -> dict:
    """The UNet's epsilon loss on held-out clips with their own caption and with the opposite direction word,
    same noise: a gap near 0 means the UNet moves the shape the same way whichever word it reads (the noise
    picks the side). Clean latents are the VAE's posterior means; clips start anywhere (`free`)."""
    import torch
    from diffusers import AutoencoderKL, DDIMScheduler, UNet3DConditionModel
    from transformers import CLIPTextModel, CLIPTokenizer
    load = dict(torch_dtype=torch.float32)
    vae = AutoencoderKL.from_pretrained(str(args.model / "vae"), **load).eval()
    unet = UNet3DConditionModel.from_pretrained(str(args.model / "unet"), **load).eval()
    encoder = CLIPTextModel.from_pretrained(str(args.model / "text_encoder"), **load).eval()
    tokenizer = CLIPTokenizer.from_pretrained(str(args.model / "tokenizer"))
    alphas = DDIMScheduler.from_pretrained(str(args.model / "scheduler")).alphas_cumprod
    clips_per_axis = 48

    def states(captions):
        ids = tokenizer(captions, padding="max_length", max_length=tokenizer.model_max_length, truncation=True,
                        return_tensors="pt").input_ids
        return encoder(ids)[0]

    report = {}
    with torch.no_grad():
        for axis in (("left", "right"), ("up", "down")):
            combos = [c for c in sorted(dataset.HELD_OUT, key=lambda c: c.canonical_caption()) if c.motion in axis]
            combos = (combos * clips_per_axis)[:clips_per_axis]
            generator = torch.Generator().manual_seed(args.seeds[0])
            clips = dataset.render(combos, generator, start="free")
            n, size = len(combos), dataset.SIZE
            z = vae.encode(clips.permute(0, 2, 1, 3, 4).reshape(-1, 3, size, size)).latent_dist.mean
            z = (z * vae.config.scaling_factor).view(n, dataset.FRAMES, *z.shape[1:]).permute(0, 2, 1, 3, 4)
            # With --transposed the model is asked through its other axis (train.TransposedTeacher): "moving
            # left" as "moving up", on rows and columns swapped.
            said = dataset.TRANSPOSED_MOTION if args.transposed else {m: m for m in axis}
            own = states([dataset.recaption(c.canonical_caption(), c.motion, said[c.motion]) for c in combos])
            opposite = states([dataset.recaption(c.canonical_caption(), c.motion,
                                                 said[dataset.OPPOSITE_MOTION[c.motion]]) for c in combos])
            for t in (650, 800, 950):
                noise = torch.randn(z.shape, generator=generator)
                a = alphas[t]
                noisy = a.sqrt() * z + (1 - a).sqrt() * noise
                steps = torch.full((n,), t)

                def loss(hidden):
                    if not args.transposed:
                        return ((unet(noisy, steps, encoder_hidden_states=hidden).sample - noise) ** 2).mean().item()
                    pred = unet(noisy.transpose(-1, -2), steps, encoder_hidden_states=hidden).sample
                    return ((pred.transpose(-1, -2) - noise) ** 2).mean().item()
                loss_own, loss_opposite = loss(own), loss(opposite)
                report[f"{'/'.join(axis)} t={t}"] = {"own": loss_own, "opposite": loss_opposite,
                                                     "gap": round((loss_opposite - loss_own) / loss_own, 4)}
    asked = " transposed" if args.transposed else ""
    print(f"caption gap of {args.model}{asked} ({clips_per_axis} held-out clips per axis, seed {args.seeds[0]}): "
          f"how much higher the denoising loss is with the opposite direction word")
    for key, value in report.items():
        print(f"  {key}: own {value['own']:.5f}, opposite {value['opposite']:.5f}, gap {100 * value['gap']:.2f}%")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("truth", "pipeline", "swift", "npy", "text", "caption-gap"))
    parser.add_argument("file", nargs="?", help="npy mode: the clip")
    parser.add_argument("--combo", help="npy mode: shape,colour,motion,background")
    parser.add_argument("--model", type=Path, default=Path(__file__).resolve().parents[2] / "models" / "demo")
    parser.add_argument("--studio", type=Path, help="swift mode: the studio binary")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--guidance", type=float, default=7.5)
    parser.add_argument("--limit", type=int, help="only the first N held-out prompts")
    parser.add_argument("--motions", nargs="+", choices=dataset.MOTIONS, help="only held-out prompts of these motions")
    parser.add_argument("--samples", type=Path, help="pipeline mode: save the clips as uint8 .npy")
    parser.add_argument("--transposed", action="store_true",
                        help="caption-gap mode: ask the model through its other axis (rows and columns swapped, "
                             "'left' as 'up'), as train.py's TransposedTeacher does")
    parser.add_argument("--json", type=Path, help="write every score and the summary here")
    parser.add_argument("--start", choices=dataset.START_POSITIONS, default="edge",
                        help="truth mode: where moving shapes start (dataset.render)")
    args = parser.parse_args()

    if args.mode == "npy":
        combo = dataset.Combo(*args.combo.split(","))
        print(json.dumps(score(np.load(args.file), combo), indent=1))
        return
    if args.mode in ("text", "caption-gap"):
        report = (mode_text if args.mode == "text" else mode_caption_gap)(args)
        if args.json:
            args.json.write_text(json.dumps(report, indent=1) + "\n")
        return
    started = time.time()
    scores = {"truth": mode_truth, "pipeline": mode_pipeline, "swift": mode_swift}[args.mode](args)
    summary = summarise(scores)
    print_summary(f"{args.mode}: {len(scores)} held-out clips, seeds {args.seeds}, steps {args.steps}, "
                  f"guidance {args.guidance} ({time.time() - started:.0f} s)", summary)
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "scores": scores}, indent=1) + "\n")


if __name__ == "__main__":
    main()
