#!/usr/bin/env bash
# make bench: one full-size step of studio beside diffusers' modules on this machine.
# Writes a random full-size checkpoint on first use (tools/fixtures/make_fixtures.py --full-size, ~3.7 GB),
# times `studio generate --steps 1` (load, time to first step, s/step, peak RSS) and tools/bench/torch_step.py
# (diffusers' UNet step, text encoding, VAE decode, float32, all cores) and the sgemm peak of this OpenBLAS
# (tools/bench/GEMMBench, against which the step's GFLOP/s is given), prints the figures and appends them
# to docs/BENCHMARKS.md.   usage: tools/bench/run.sh [--quick | --preview]   (--quick: 8 frames instead of 16;
# --preview: only the preview's per-frame cost, tools/bench/preview.sh, which the full run also records first)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/bench/preview.sh
[ "${1:-}" = "--preview" ] && exit 0
frames=16
[ "${1:-}" = "--quick" ] && frames=8
model=${BENCH_MODEL:-$PWD/.bench/full-size-fp16}
mkdir -p .bench
if [ ! -f "$model/model_index.json" ]; then
    python3 tools/fixtures/make_fixtures.py --full-size "$model" --fp16
fi
swift build -c release --product studio >/dev/null
swift build -c release --product GEMMBench >/dev/null
bin="$(swift build -c release --show-bin-path)"
studio="$bin/studio"
gemmlog=.bench/gemm.log
"$bin/GEMMBench" >"$gemmlog"
peak=$(grep -o 'sgemm peak: [0-9.]*' "$gemmlog" | grep -o '[0-9.]*$')
log=.bench/studio.log
/usr/bin/time -v "$studio" generate --model "$model" --prompt "a red panda eating bamboo" --seed 0 --steps 1 \
    --frames "$frames" --width 256 --height 256 --output .bench/out.npy >"$log" 2>&1
load=$(grep -o 'loaded .* in [0-9.]* s' "$log" | grep -o '[0-9.]* s$')
step=$(grep -o 'step 1/1 .* [0-9.]* s/step' "$log" | grep -o '[0-9.]* s/step')
total=$(grep -o 'in [0-9.]* s$' "$log" | tail -1 | grep -o '[0-9.]* s')
rss=$(awk '/Maximum resident set size/ {printf "%.0f MiB", $6/1024}' "$log")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.0f s user, %.0f s system", u, s}' "$log")
torchlog=.bench/torch.log
python3 tools/bench/torch_step.py --model "$model" --frames "$frames" --variant fp16 >"$torchlog" 2>&1 \
    || echo "torch timing failed: see $torchlog"
machine="$(nproc) cores, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo), $(free -g | awk '/Mem/ {print $2}') GiB"
report=$(cat <<REPORT

### $(date -u +%Y-%m-%d) — full-size random checkpoint, $frames frames × 256 × 256, 1 DDIM step ($machine)
Command: \`tools/bench/run.sh${1:+ $1}\` (studio: \`studio generate --model $model --steps 1 --frames $frames\` under \`/usr/bin/time -v\`)

| figure | studio (Swift, OpenBLAS) |
|---|---|
| model load (F16 stays mapped, widened per layer at use) | $load |
| one UNet step (batch 2, CFG) | $step |
| generation (step + VAE decode of $frames frames) | $total |
| whole process, start to exit | $wall |
| peak resident memory | $rss |
| CPU time (system time is mostly page faults) | $cpu |
| sgemm peak of this OpenBLAS (square 1024–4096, \`GEMMBench\`) | $peak GFLOP/s |
| UNet step throughput (model-spec §10.1's 9.77 TFLOP at 16 frames) | $(if [ "$frames" = 16 ]; then awk -v s="${step% s/step}" -v p="$peak" 'BEGIN {printf "%.0f GFLOP/s, %.0f%% of the sgemm peak", 9770/s, 977000/s/p}'; else echo "16 frames only"; fi) |

diffusers, same checkpoint, float32, same machine (\`tools/bench/torch_step.py\`):
\`\`\`
$(grep '^torch' "$torchlog" || true)
\`\`\`
REPORT
)
echo "$report"
echo "$report" >> docs/BENCHMARKS.md
