import ArgumentParser
import Engine
import Foundation

/// `studio pull NAME`: downloads a diffusers-layout model from the Hugging Face hub into its cache.
struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Download a model from the Hugging Face hub into its cache (fp16 weights by default; resumes; checks sha256).",
        discussion: "HF_ENDPOINT changes the hub's address, HF_TOKEN is sent for gated or private models, and the cache is $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub.")

    @Argument(help: ArgumentHelp("The hub model, e.g. damo-vilab/text-to-video-ms-1.7b.", valueName: "name"))
    var name: String

    @Option(help: "A branch, tag or commit.")
    var revision = "main"

    @Flag(help: "Take the full-precision weights instead of the fp16 variant.")
    var fullPrecision = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let locator = ModelLocator.standard(explicitPath: nil, environment: environment)
        guard let cache = locator.hubCaches().compactMap(\.1).first else { throw CLIError("no Hugging Face cache folder") }
        let downloader = HubDownloader(endpoint: HubDownloader.endpoint(environment: environment),
                                       token: environment["HF_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
                                       cache: URL(fileURLWithPath: cache))
        let interactive = isatty(fileno(stderr)) != 0
        var lastLine = ""
        var finished: Set<String> = []
        do {
            let snapshot = try downloader.pull(name, revision: revision, preferFP16: !fullPrecision) { progress in
                let line = Self.line(progress)
                if interactive {
                    guard line != lastLine else { return }
                    lastLine = line
                    FileHandle.standardError.write("\r\(line)\u{1B}[K")
                } else if progress.bytes == progress.total, finished.insert(progress.file).inserted {
                    // Without a terminal: one line per file, when it is done.
                    FileHandle.standardError.write(line + "\n")
                }
            }
            if interactive { FileHandle.standardError.write("\n") }
            print("pulled \(name) into \(snapshot.path)")
        } catch let error as HubDownloader.Failure {
            if interactive { FileHandle.standardError.write("\n") }
            throw CLIError("pull \(name): \(error.description)")
        }
    }

    /// `[3/11] unet/diffusion_pytorch_model.fp16.safetensors ██████░░░░ 61% 1.72 GB / 2.82 GB`
    static func line(_ progress: HubDownloader.Progress) -> String {
        let head = "[\(progress.index)/\(progress.count)] \(progress.file)"
        guard let total = progress.total, total > 0 else { return "\(head) \(ByteCountText.format(progress.bytes))" }
        let fraction = min(Double(progress.bytes) / Double(total), 1)
        let filled = Int(fraction * 20)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
        return "\(head) \(bar) \(Int(fraction * 100))% \(ByteCountText.format(progress.bytes)) / \(ByteCountText.format(total))"
    }
}
