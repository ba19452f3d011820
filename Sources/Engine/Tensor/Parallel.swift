import Foundation

/// Spreads elementwise and normalisation loops over the cores; GEMM threading is left to OpenBLAS.
public enum Parallel {
    /// Number of worker slices; one per active core.
    public static let width = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` once per index in `0..<count`, in parallel slices when the work is large enough.
    /// `cost` is a rough number of scalar operations per index; small jobs stay on the calling thread.
    public static func forEach(_ count: Int, cost: Int = 1, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        if width == 1 || count == 1 || count * cost < 32_768 {
            for i in 0..<count { body(i) }
            return
        }
        let slices = min(count, width * 4)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let start = count * slice / slices
            let end = count * (slice + 1) / slices
            for i in start..<end { body(i) }
        }
    }

    /// Calls `body` with contiguous ranges covering `0..<count`.
    public static func forRanges(_ count: Int, cost: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        if width == 1 || count * cost < 65_536 {
            body(0..<count)
            return
        }
        let slices = min(count, width * 2)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            body((count * slice / slices)..<(count * (slice + 1) / slices))
        }
    }
}
