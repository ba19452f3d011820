import Engine
import Media
import TUI

/// What `studio doctor` found, and its text form. Gathering and printing are separate so the
/// wording can be tested without a terminal.
struct DoctorReport {
    /// Facts about the attached terminal; nil when no terminal is attached.
    struct TerminalFacts {
        var term: String?
        var colorTerm: String?
        /// terminfo `colors` and `RGB`; nil when terminfo does not know $TERM.
        var terminfo: (colors: Int, directColor: Bool)?
        var noColor: Bool
        /// nil when the tty's settings could not be changed for the probe.
        var probe: TerminalProbe.Result?
    }

    var version: String
    var terminal: TerminalFacts?
    var blas: BLASInfo
    var ffmpeg: FFmpegInfo
    var models: [ModelLocator.Candidate]
    var cuda: CUDADriver.Availability = .unavailable(BackendUnavailable(reason: "not probed"))
    /// Whether the GPU backend's kernels compiled (or came from the cache); nil when there is no GPU to try.
    var kernels: Result<CUDAKernelOrigin, BackendUnavailable>?

    /// Collects everything; queries the terminal (≤ 300 ms) only when one is attached.
    static func gather(version: String, environment: [String: String], locator: ModelLocator) -> DoctorReport {
        var facts: TerminalFacts?
        if let device = TerminalDevice.attached() {
            facts = TerminalFacts(term: environment["TERM"], colorTerm: environment["COLORTERM"],
                                  terminfo: device.terminfoColors(),
                                  noColor: ColorDepth.noColorRequested(environment),
                                  probe: environment["TERM"] == "dumb" ? nil : TerminalProbe.run(fd: device.fd))
        }
        let cuda = CUDADriver.probe()
        var kernels: Result<CUDAKernelOrigin, BackendUnavailable>?
        if case .available = cuda {
            do throws(BackendUnavailable) { kernels = .success(try CUDABackend.shared().kernelOrigin) } catch { kernels = .failure(error) }
        }
        return DoctorReport(version: version, terminal: facts, blas: .current(), ffmpeg: .current(),
                            models: locator.candidates(), cuda: cuda, kernels: kernels)
    }

    /// The report as aligned plain text, one fact per line.
    func render() -> String {
        var lines = ["studio doctor — studio \(version)", "", "Terminal"]
        lines += terminalLines()
        lines += ["", "Compute (OpenBLAS)"]
        lines.append(row("version", blas.version ?? "unknown"))
        lines.append(row("config", blas.config))
        lines.append(row("core", blas.coreName))
        lines.append(row("threads", "\(blas.threads) of \(blas.processors) processors"))
        lines += ["", "GPU (CUDA driver, loaded at run time)"]
        lines += cudaLines()
        lines += ["", "Media (FFmpeg \(ffmpeg.release))"]
        for library in ffmpeg.libraries { lines.append(row(library.name, library.version)) }
        lines.append(row("encoders", ffmpeg.encoders.map { "\($0.name) \($0.available ? "yes" : "no")" }
            .joined(separator: ", ")))
        lines += ["", "Models (searched in this order)"]
        lines += modelLines()
        return lines.joined(separator: "\n") + "\n"
    }

    private func terminalLines() -> [String] {
        guard let t = terminal else {
            return [row("TERM", terminalValue(nil)), "  no terminal attached (stdin and stdout are not terminals)"]
        }
        var lines = [row("TERM", terminalValue(t.term))]
        guard let probe = t.probe else {
            lines.append(row("size", "unknown"))
            lines.append(row("colours", colorText(t)))
            lines.append(row("sixel", t.term == "dumb" ? "no (TERM=dumb: not queried)" : "unknown (the terminal's settings could not be changed to ask it)"))
            return lines
        }
        lines.append(row("size", probe.size.columns > 0 ? "\(probe.size.columns)×\(probe.size.rows) cells" : "unknown"))
        lines.append(row("colours", colorText(t)))
        let replies = probe.replies
        let da1 = replies.deviceAttributes.map { "DA1 reply ?" + $0.map(String.init).joined(separator: ";") + "c" } ?? "no DA1 reply"
        lines.append(row("sixel", (replies.supportsSixel ? "yes" : "no") + " (\(da1))"))
        lines.append(row("colour registers", replies.colorRegisters.map(String.init)
            ?? (replies.supportsSixel ? "not reported (assume 256)" : "n/a")))
        lines.append(row("sixel max size", replies.sixelMaxGeometry?.description
            ?? (replies.supportsSixel ? "not reported" : "n/a")))
        lines.append(row("cell size", probe.cellPixels?.description ?? "unknown (no pixel size from the kernel or the terminal)"))
        lines.append(row("preview", previewText(t, replies: replies)))
        lines.append(row("query", probe.timedOut
            ? "no complete answer within \(probe.elapsedMilliseconds) ms" : "answered in \(probe.elapsedMilliseconds) ms"))
        return lines
    }

    /// What the studio's preview would use here without `--graphics` or the config file.
    private func previewText(_ t: TerminalFacts, replies: ProbeReplies) -> String {
        let depth = cursesDepth(t)
        switch GraphicsMode.resolve(requested: nil, terminalHasSixel: replies.supportsSixel, colorDepth: depth) {
        case .sixel:
            return "sixel, \(min(256, replies.colorRegisters ?? 256))-colour palette"
        case .blocks:
            let pictures = ColorDepth.forPictures(curses: depth, colorTerm: t.colorTerm)
            return "half blocks in \(pictures)" + (pictures != depth ? " (COLORTERM, past curses)" : "")
        case .none:
            return "clip parameters only (no colour)"
        }
    }

    /// The depth curses will have: terminfo's, or none under NO_COLOR or an unknown TERM.
    private func cursesDepth(_ t: TerminalFacts) -> ColorDepth {
        guard !t.noColor, let info = t.terminfo else { return .monochrome }
        return info.directColor ? .direct : ColorDepth(terminfoColors: info.colors)
    }

    private func colorText(_ t: TerminalFacts) -> String {
        var parts: [String] = []
        if let info = t.terminfo {
            parts.append("\(cursesDepth(t)) (terminfo colors=\(info.colors)\(info.directColor ? ", RGB" : ""))")
        } else {
            parts.append("unknown (terminfo has no entry for TERM)")
        }
        if t.noColor { parts.append("NO_COLOR is set") }
        if let claimed = ColorDepth.claimed(colorTerm: t.colorTerm) {
            parts.append("COLORTERM=\(t.colorTerm ?? "") claims \(claimed)")
        }
        return parts.joined(separator: "; ")
    }

    /// The GPUs the driver reports and whether the engine's GPU backend starts on GPU 0.
    private func cudaLines() -> [String] {
        switch cuda {
        case .unavailable(let why):
            return [row("status", "unavailable: \(why.reason)"), row("engine", "runs on the CPU")]
        case .available(let gpus, let driverVersion):
            var lines = [row("driver", "CUDA \(CUDADriver.versionText(driverVersion))")] + gpus.map { gpu in
                row("GPU \(gpu.index)", "\(gpu.name), \(gpu.architecture), \(ByteCountText.format(Int(gpu.totalMemoryBytes)))")
            }
            switch kernels {
            case .success(let origin):
                let how = origin.compiled ? "compiled by NVRTC \(origin.compilerVersion)" : "loaded from the kernel cache"
                lines.append(row("kernels", "\(how) for \(origin.architecture) in \(String(format: "%.2f", origin.seconds)) s"))
                lines.append(row("engine", "runs on GPU 0 (--device auto; --device cpu for the CPU)"))
            case .failure(let why):
                lines.append(row("kernels", "failed: \(why.reason)"))
                lines.append(row("engine", "runs on the CPU"))
            case nil:
                lines.append(row("engine", "runs on the CPU"))
            }
            return lines
        }
    }

    private func modelLines() -> [String] {
        var lines: [String] = []
        for candidate in models {
            switch candidate.status {
            case .notSet:
                lines.append(row(candidate.source, candidate.source == "--model" ? "not given" : "not set"))
            case .absent:
                lines.append(row(candidate.source, "nothing at \(candidate.path ?? "?")"))
            case .found(let folder):
                var text = folder.isComplete ? "complete model at \(folder.root)" : "incomplete model at \(folder.root)"
                if !folder.hasModelIndex { text += "; no model_index.json" }
                if !folder.missingComponents.isEmpty { text += "; missing " + folder.missingComponents.joined(separator: ", ") }
                lines.append(row(candidate.source, text))
            }
        }
        let complete = models.first { if case .found(let f) = $0.status { return f.isComplete } else { return false } }
        if let complete, case .found(let folder) = complete.status {
            lines.append("  → studio will use \(folder.root) (from \(complete.source))")
        } else {
            lines.append("  → no complete model found: download damo-vilab/text-to-video-ms-1.7b with huggingface-cli, or pass --model PATH")
        }
        return lines
    }

    private func terminalValue(_ term: String?) -> String { term.map { $0.isEmpty ? "(empty)" : $0 } ?? "(unset)" }

    private func row(_ label: String, _ value: String) -> String {
        let padded = label.count < 26 ? label + String(repeating: " ", count: 26 - label.count) : label + " "
        return "  " + padded + value
    }
}
