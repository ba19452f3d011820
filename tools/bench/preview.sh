#!/usr/bin/env bash
# The preview's cost per frame (issue 6): one 256 × 256 frame scaled to a 40 × 13 cell pane and encoded to
# sixel, and scaled to half-block cells, plus one results-grid thumbnail's sixel, timed by the PreviewBench
# target (release build). Prints the
# figures and appends them to docs/BENCHMARKS.md.   usage: tools/bench/preview.sh [--iterations N]
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product PreviewBench >/dev/null
bench="$(swift build -c release --show-bin-path)/PreviewBench"
out=$("$bench" "$@")
machine="$(nproc) cores, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
report=$(cat <<REPORT

### $(date -u +%Y-%m-%d) — preview: one 256 × 256 frame to sixel and to half blocks ($machine)
Command: \`tools/bench/preview.sh${1:+ $*}\` (release build of \`tools/bench/PreviewBench\`)
\`\`\`
$out
\`\`\`
REPORT
)
echo "$report"
echo "$report" >> docs/BENCHMARKS.md
