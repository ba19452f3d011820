import ArgumentParser
import Engine
import Foundation

/// `studio-engine bench`: a cold generation (kernels compiled or loaded, weights uploaded on first use),
/// then a warm one timed part by part: text encoding, each guided UNet step (both CFG halves in one
/// batch, until its noise is back on the host), the VAE decode, and the GPU's peak memory.
struct EngineBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Time the parts of a generation.")

    @OptionGroup var options: GenerationOptions

    func run() throws {
        let (backend, startSeconds) = try timed { try options.backend() }
        if let gpu = backend as? CUDABackend {
            let origin = gpu.kernelOrigin
            print("backend: cuda on \(gpu.gpu.name) (\(origin.architecture)), driver CUDA \(CUDADriver.versionText(gpu.driverVersion)); "
                  + "kernels \(origin.compiled ? "compiled by NVRTC \(origin.compilerVersion)" : "from the cache") in \(format(origin.seconds)); "
                  + "backend start \(format(startSeconds))")
        } else {
            print("backend: \(backend.name)")
        }
        let (pipeline, loadSeconds) = try timed { try options.pipeline(on: backend) }
        print("load: \(format(loadSeconds))")
        let settings = options.settings
        let cold = try run(pipeline, settings)
        print("cold generation (first use uploads the weights): \(format(cold.total))")
        (backend as? CUDABackend)?.resetProfile()
        let warm = try run(pipeline, settings)
        let profile = (backend as? CUDABackend)?.profileReport() ?? ""
        let (_, textSeconds) = try timed { _ = try pipeline.textEncoder(pipeline.tokenizer.encode(settings.prompt).ids, on: backend).onHost() }
        // The first step is counted from the start of the generation (prompt lookup, first upload): left out of the mean.
        let later = warm.steps.dropFirst()
        let stepMean = later.isEmpty ? warm.steps.first ?? 0 : later.reduce(0, +) / Double(later.count)
        print("warm generation: \(format(warm.total)) for \(settings.frames) frames, \(settings.steps) steps, guidance \(settings.guidance)")
        print("  text encoding (one prompt): \(format(textSeconds))")
        print("  UNet step (guided, batch 2): mean \(format(stepMean)), min \(format(warm.steps.min() ?? 0)), max \(format(warm.steps.max() ?? 0))")
        print("  VAE decode (\(settings.frames) frames): \(format(warm.decode))")
        if let gpu = backend as? CUDABackend {
            print("peak GPU memory held by the engine: \(ByteCountText.format(gpu.peakMemoryBytes))")
        }
        if !profile.isEmpty { print("warm generation by kernel (STUDIO_CUDA_PROFILE: each call waited for):\n" + profile) }
    }

    private struct Timings {
        var steps: [Double] = []
        var decode = 0.0
        var total = 0.0
    }

    private func run(_ pipeline: TextToVideoPipeline, _ settings: GenerationSettings) throws -> Timings {
        var timings = Timings()
        var previous = 0.0
        do {
            let clip = try pipeline.generate(settings) { event in
                if case .step(_, _, _, let elapsed) = event {
                    timings.steps.append(elapsed - previous)
                    previous = elapsed
                }
            }
            timings.total = clip.seconds
            timings.decode = clip.seconds - previous
        } catch {
            throw EngineToolError("generation failed on \(pipeline.backend.name): \(error)")
        }
        return timings
    }
}
