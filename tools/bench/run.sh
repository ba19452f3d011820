#!/usr/bin/env bash
# make bench: the engine beside diffusers' modules on this machine, in one run, on the full-size configuration
# with random F16 weights (written on first use by tools/fixtures/make_fixtures.py --full-size, ~3.7 GB).
# Measures the sgemm peak of this OpenBLAS (tools/bench/GEMMBench); the engine's start to first step (warm page
# cache), one guided UNet step, the VAE decode of every frame, one text encoding, their FLOPs and the peak
# memory of the whole generation (tools/bench/EngineBench); PyTorch's times and FLOP counts for the same parts
# (tools/bench/torch_step.py, in a venv it creates if missing). Prints the figures, the engine/PyTorch ratios
# and GFLOP/s against the sgemm peak (tools/bench/report.py) and appends them to docs/BENCHMARKS.md.
#   usage: tools/bench/run.sh [--quick | --preview]
#   --quick: 8 frames instead of 16 (under ten minutes on a quiet 2-core machine);
#   --preview: only the preview's per-frame cost (tools/bench/preview.sh, which the full run also records first).
#   BENCH_MODEL=DIR uses another checkpoint folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-}
case "$mode" in
    "" | --quick | --preview) ;;
    *) echo "usage: tools/bench/run.sh [--quick | --preview]" >&2; exit 2 ;;
esac
bash tools/bench/preview.sh
[ "$mode" = "--preview" ] && exit 0
frames=16
[ "$mode" = "--quick" ] && frames=8
model=${BENCH_MODEL:-$PWD/.bench/full-size-fp16}
logs=.bench
mkdir -p "$logs"
if [ ! -f "$model/model_index.json" ]; then
    python3 tools/fixtures/make_fixtures.py --full-size "$model" --fp16
fi
swift build -c release --product GEMMBench >/dev/null
swift build -c release --product EngineBench >/dev/null
bin="$(swift build -c release --show-bin-path)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

"$bin/GEMMBench" >"$logs/gemm.log"
cat "$logs/gemm.log"
# The start-to-first-step goal is for a warm page cache: read every weight file once beforehand.
find -L "$model" -type f -exec cat {} + >/dev/null
"$bin/EngineBench" --model "$model" --frames "$frames" 2>&1 | tee "$logs/engine.log"
python3 tools/bench/torch_step.py --model "$model" --frames "$frames" --variant fp16 2>&1 | tee "$logs/torch.log" \
    || echo "torch timing failed: see $logs/torch.log"

machine="$(nproc) cores, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo), \
$(free -g | awk '/Mem/ {print $2}') GiB, load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
report=$(python3 tools/bench/report.py --logs "$logs" --frames "$frames" --model "$model" \
    --command "tools/bench/run.sh${mode:+ $mode}" --machine "$machine")
echo "$report"
echo "$report" >> docs/BENCHMARKS.md
