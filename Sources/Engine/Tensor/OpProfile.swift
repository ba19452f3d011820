import Foundation

/// Wall time per class of tensor operation, for deciding what to optimise: set `STUDIO_PROFILE=1`
/// and the totals go to standard error when the process exits. Off (the default), a measurement
/// costs one branch, so the hooks stay in the operations rather than in a separate harness.
public enum OpProfile {
    public static let isEnabled = ProcessInfo.processInfo.environment["STUDIO_PROFILE"] == "1"

    private nonisolated(unsafe) static var totals: [String: (seconds: Double, calls: Int)] = [:]
    private static let lock = NSLock()
    private static let registerReport: Void = { atexit { OpProfile.report() } }()

    /// A running measurement; `stop()` adds its time to its class.
    public struct Timer {
        let label: String?
        let start: UInt64

        public func stop() {
            guard let label else { return }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            OpProfile.lock.lock()
            let old = OpProfile.totals[label] ?? (0, 0)
            OpProfile.totals[label] = (old.seconds + seconds, old.calls + 1)
            OpProfile.lock.unlock()
        }
    }

    /// Starts timing one operation of class `label` (nothing is recorded when profiling is off).
    @inline(__always)
    public static func start(_ label: @autoclosure () -> String) -> Timer {
        guard isEnabled else { return Timer(label: nil, start: 0) }
        _ = registerReport
        return Timer(label: label(), start: DispatchTime.now().uptimeNanoseconds)
    }

    /// The totals so far, largest first, as lines "label  seconds  calls".
    public static func summary() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let all = totals.values.reduce(0) { $0 + $1.seconds }
        return totals.sorted { $0.value.seconds > $1.value.seconds }.map { label, entry in
            label.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: " %9.2f s %5.1f%% %7d calls", entry.seconds, 100 * entry.seconds / max(all, 1e-9), entry.calls)
        }
    }

    static func report() {
        let lines = summary()
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(("op profile (STUDIO_PROFILE=1):\n" + lines.joined(separator: "\n") + "\n").data(using: .utf8)!)
    }
}
