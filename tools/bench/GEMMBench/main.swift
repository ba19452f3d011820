// The sgemm peak that this machine's OpenBLAS reaches on large square products, for `make bench`
// (tools/bench/run.sh): one line per size, then the best as `sgemm peak: N GFLOP/s`.
import Engine

let info = BLASInfo.current()
print("OpenBLAS \(info.version ?? "?") (\(info.coreName), \(info.threads) threads)")
var peak = 0.0
for size in [1024, 2048, 4096] {
    let rate = GEMMPeak.gigaflops(size: size)
    peak = max(peak, rate)
    print("sgemm \(size)×\(size)×\(size): \(String(format: "%.1f", rate)) GFLOP/s")
}
print("sgemm peak: \(String(format: "%.1f", peak)) GFLOP/s")
