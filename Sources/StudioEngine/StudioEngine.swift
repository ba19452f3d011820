import ArgumentParser
import Engine
import Foundation

/// `studio-engine`: the engine alone, for machines without a terminal, FFmpeg or a Swift toolchain
/// (a GPU server): one static file that generates a clip to .npy, times the parts of a generation, or
/// checks the GPU backend against the CPU backend and diffusers on the test checkpoints.
@main
struct StudioEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio-engine",
        abstract: "The studio's text-to-video engine without the studio.",
        subcommands: [EngineGenerateCommand.self, EngineBenchCommand.self, EngineParityCommand.self])
}

extension DeviceChoice: ExpressibleByArgument {}

/// A failure reported as one line with exit status 2.
struct EngineToolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The options every generation takes.
struct GenerationOptions: ParsableArguments {
    @Option(help: "A model folder (diffusers layout).")
    var model: String
    @Option(help: "What the clip should show.")
    var prompt = "a red circle moving left on a blue background"
    @Option(name: .customLong("negative-prompt"), help: "What the clip should avoid.")
    var negativePrompt: String?
    @Option var seed: UInt64 = 0
    @Option var steps: Int = 50
    @Option var guidance: Float = 9
    @Option var frames: Int = 16
    @Option(help: "Width in pixels (default: the model's).")
    var width: Int?
    @Option(help: "Height in pixels (default: the model's).")
    var height: Int?
    @Option(help: "ddim or dpm++.")
    var scheduler = "ddim"
    @Option(help: "auto, cpu or cuda.")
    var device: DeviceChoice = .auto

    var settings: GenerationSettings {
        GenerationSettings(prompt: prompt, negativePrompt: negativePrompt, seed: seed, steps: steps, guidance: guidance,
                           frames: frames, width: width, height: height, sampler: scheduler)
    }

    func backend() throws -> any Backend {
        do {
            let (backend, fallback) = try device.resolve()
            if let fallback { FileHandle.standardError.write(Data("studio-engine: \(fallback)\n".utf8)) }
            return backend
        } catch {
            throw EngineToolError("--device \(device.rawValue): \(error.reason)")
        }
    }

    func pipeline(on backend: any Backend) throws -> TextToVideoPipeline {
        do {
            let pipeline = try TextToVideoPipeline(folder: URL(fileURLWithPath: model), backend: backend)
            // A GPU has room for a whole clip's decoder activations, and larger batches use it better.
            if backend !== CPUBackend.shared { pipeline.decodeChunk = frames }
            return pipeline
        } catch {
            throw EngineToolError("cannot load the model at \(model): \(error)")
        }
    }
}

/// Seconds `body` takes.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }
