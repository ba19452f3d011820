import Engine
import Foundation

/// Generation progress on stderr: a redrawn bar on a terminal, one line per step otherwise.
final class ProgressReporter {
    private let interactive: Bool
    private var drewBar = false

    init(interactive: Bool) { self.interactive = interactive }

    func report(_ event: GenerationEvent) {
        guard case .step(let index, let total, let timestep, let elapsed) = event else { return }
        let perStep = elapsed / Double(index)
        let remaining = perStep * Double(total - index)
        if interactive {
            let width = 30
            let filled = width * index / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write("\r\(bar) \(index)/\(total)  \(String(format: "%.2f", perStep)) s/step  ETA \(Self.clock(remaining))  ")
            drewBar = true
        } else {
            FileHandle.standardError.write("step \(index)/\(total) t=\(timestep) \(String(format: "%.2f", perStep)) s/step ETA \(Self.clock(remaining))\n")
        }
    }

    func finish() {
        if drewBar { FileHandle.standardError.write("\n") }
        drewBar = false
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
