"""Turns one `make bench` run's logs into the Markdown section that tools/bench/run.sh prints and appends
to docs/BENCHMARKS.md: each figure, engine/PyTorch ratios, achieved GFLOP/s against the measured sgemm
peak, the FLOP counts beside torch's, and the issue's goals (issue 10) marked met or not.

usage: python3 tools/bench/report.py --logs DIR --frames N --model DIR --command TEXT --machine TEXT
Reads DIR/gemm.log (GEMMBench), DIR/engine.log (EngineBench) and DIR/torch.log (torch_step.py); a missing
or failed part shows as "—".
"""
import argparse
import datetime
import os
import re

# model-spec §10, counted with torch.utils.flop_counter on diffusers' modules at 16 frames × 32 × 32 latents.
SPEC_16_FRAMES = {"unet step": 9.774e12, "vae decode": 9.955e12, "text encoding": 45.13e9}


def read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return ""


def number(log, pattern):
    """The first number after `pattern` (a regular expression) in the log, or None."""
    match = re.search(pattern + r"\s*([0-9.]+(?:e[+-]?[0-9]+)?)", log)
    return float(match.group(1)) if match else None


def seconds(value):
    return "—" if value is None else f"{value:.2f} s"


def ratio(engine, torch):
    return "—" if engine is None or not torch else f"{engine / torch:.2f}"


def rate(flops, time):
    return None if flops is None or not time else flops / time / 1e9


def goal(met, text):
    if met is None:
        return f"{text}: not measured"
    return f"{text}: {'**met**' if met else 'not met'}"


def main():
    parser = argparse.ArgumentParser()
    for name in ("--logs", "--model", "--command", "--machine"):
        parser.add_argument(name, required=True)
    parser.add_argument("--frames", type=int, required=True)
    args = parser.parse_args()
    gemm = read(os.path.join(args.logs, "gemm.log"))
    engine = read(os.path.join(args.logs, "engine.log"))
    torch = read(os.path.join(args.logs, "torch.log"))
    frames = args.frames

    peak = number(gemm, r"sgemm peak:")
    parts = ["unet step", "vae decode", "text encoding"]
    engine_time = {part: number(engine, rf"engine {part}[^:]*:") for part in parts}
    torch_time = {part: number(torch, rf"torch {part}[^:]*:") for part in parts}
    engine_flops = {part: number(engine, rf"engine flops {part}:") for part in parts}
    torch_flops = {part: number(torch, rf"torch flops {part}:") for part in parts}
    first_step = number(engine, r"engine start to first step:")
    load = number(engine, r"engine load:")
    rss = number(engine, r"engine peak RSS:")
    torch_rss = number(torch, r"torch peak RSS:")
    cpu = re.search(r"engine CPU time: (.*)", engine)

    step_rate = rate(engine_flops["unet step"], engine_time["unet step"])
    decode_rate = rate(engine_flops["vae decode"], engine_time["vae decode"])
    text_rate = rate(engine_flops["text encoding"], engine_time["text encoding"])
    torch_step_rate = rate(torch_flops["unet step"], torch_time["unet step"])
    torch_decode_rate = rate(torch_flops["vae decode"], torch_time["vae decode"])

    def of_peak(value):
        if value is None:
            return "—"
        return f"{value:.0f} GFLOP/s" + (f" = {100 * value / peak:.0f}% of the sgemm peak" if peak else "")

    def within(part, limit):
        e, t = engine_time[part], torch_time[part]
        return None if e is None or not t else e <= limit * t

    lines = [
        "",
        f"### {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d} — make bench: full-size random F16 checkpoint, "
        f"{frames} frames × 256 × 256 ({args.machine})",
        f"Command: `{args.command}` (engine: release `tools/bench/EngineBench --model {args.model} --frames {frames}`; "
        "PyTorch: `tools/bench/torch_step.py`, diffusers' modules in float32 on all cores; sgemm: `GEMMBench`)",
        "",
        "| figure | engine (Swift, OpenBLAS) | PyTorch (diffusers, float32) | engine / PyTorch |",
        "|---|---|---|---|",
        f"| one UNet step, batch 2 (CFG), {frames} × 32 × 32 latents | {seconds(engine_time['unet step'])} | "
        f"{seconds(torch_time['unet step'])} | {ratio(engine_time['unet step'], torch_time['unet step'])} |",
        f"| VAE decode of {frames} frames, 256 × 256 | {seconds(engine_time['vae decode'])} | "
        f"{seconds(torch_time['vae decode'])} | {ratio(engine_time['vae decode'], torch_time['vae decode'])} |",
        f"| one text encoding, 77 tokens (after two warm calls / one) | {seconds(engine_time['text encoding'])} | "
        f"{seconds(torch_time['text encoding'])} | {ratio(engine_time['text encoding'], torch_time['text encoding'])} |",
        f"| UNet step throughput (direct FLOPs ÷ time) | {of_peak(step_rate)} | {of_peak(torch_step_rate)} | |",
        f"| VAE decode throughput | {of_peak(decode_rate)} | {of_peak(torch_decode_rate)} | |",
        f"| text encoding throughput | {of_peak(text_rate)} | | |",
        f"| start to first step, warm page cache (process start, load, both text states) | {seconds(first_step)} | | |",
        f"| model load (F16 stays mapped) | {seconds(load)} | | |",
        f"| peak resident memory, whole {frames}-frame generation from the F16 checkpoint | "
        f"{'—' if rss is None else f'{rss:.0f} MiB'} | {'—' if torch_rss is None else f'{torch_rss:.0f} MiB'} | |",
        f"| CPU time of the engine process | {cpu.group(1) if cpu else '—'} | | |",
        f"| sgemm peak of this OpenBLAS (square 1024–4096) | {'—' if peak is None else f'{peak:.1f} GFLOP/s'} | | |",
        "",
        "Direct-computation FLOPs (convolutions, linear layers, attention products; 2 per multiply-add), the engine's "
        "count from the shapes it ran (`FLOPCount`) beside torch's `FlopCounterMode` on diffusers' modules:",
        "",
        "| part | engine | torch | engine − torch |" + (" model-spec §10 (16 frames) |" if frames == 16 else ""),
        "|---|---|---|---|" + ("---|" if frames == 16 else ""),
    ]
    for part in parts:
        e, t = engine_flops[part], torch_flops[part]
        difference = "—" if e is None or t is None else f"{(e - t) / 1e6:+.1f} MFLOP"
        row = (f"| {part} | {'—' if e is None else f'{e / 1e9:,.1f} GFLOP'} | "
               f"{'—' if t is None else f'{t / 1e9:,.1f} GFLOP'} | {difference} |")
        if frames == 16:
            row += f" {SPEC_16_FRAMES[part] / 1e9:,.1f} GFLOP |"
        lines.append(row)
    step_goal_rate = None if step_rate is None or not peak else step_rate >= peak
    memory_goal = None if rss is None or frames != 16 else rss <= 5 * 1024
    lines += [
        "",
        "Goals (issue 10): " + "; ".join([
            goal(within("unet step", 0.8), "step ≤ 0.8 × PyTorch"),
            goal(step_goal_rate, "step throughput ≥ sgemm peak"),
            goal(within("vae decode", 0.8), "decode ≤ 0.8 × PyTorch"),
            goal(memory_goal, "peak memory ≤ 5 GiB at 16 frames"),
            goal(None if first_step is None else first_step <= 3, "start to first step ≤ 3 s"),
        ]) + ".",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
