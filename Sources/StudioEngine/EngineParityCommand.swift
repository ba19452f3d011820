import ArgumentParser
import Engine
import Foundation

/// `studio-engine parity`: every pipeline case of the test fixtures (tiny checkpoints, DDIM and
/// DPM-Solver++, with and without a negative prompt) on the CPU backend and on `--device`, each
/// compared with diffusers' frames; fails when the device's frames stray beyond the tolerance.
struct EngineParityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity", abstract: "Compare a backend's frames with the CPU's and diffusers' on the test fixtures.")

    @Option(help: "The test fixtures folder (Tests/Fixtures).")
    var fixtures = "Tests/Fixtures"
    @Option(help: "The backend to check: auto, cpu or cuda.")
    var device: DeviceChoice = .cuda
    @Option(help: "Largest absolute difference allowed between the device's frames (values in [0, 1]) and diffusers'.")
    var tolerance: Float = 0.01

    private struct Case: Decodable {
        let name, checkpoint, scheduler: String
        let prompt: String
        let negativePrompt: String?
        let seed: UInt64
        let steps, frames, height, width: Int
        let guidance: Float

        enum CodingKeys: String, CodingKey {
            case name, checkpoint, scheduler, prompt, seed, steps, frames, height, width, guidance
            case negativePrompt = "negative_prompt"
        }

        var settings: GenerationSettings {
            GenerationSettings(prompt: prompt, negativePrompt: negativePrompt, seed: seed, steps: steps, guidance: guidance,
                               frames: frames, width: width, height: height, sampler: scheduler)
        }
    }

    private struct Cases: Decodable { let cases: [Case] }

    func run() throws {
        let root = URL(fileURLWithPath: fixtures)
        let cases = try JSONDecoder().decode(Cases.self, from: Data(contentsOf: root.appendingPathComponent("reference/pipeline-cases.json"))).cases
        let backend: any Backend
        do {
            backend = try device.resolve().backend
        } catch {
            throw EngineToolError("--device \(device.rawValue): \(error.reason)")
        }
        var pipelines: [String: (cpu: TextToVideoPipeline, device: TextToVideoPipeline)] = [:]
        var worst: Float = 0
        print("case                      device−diffusers  cpu−diffusers  device−cpu  (max |Δ| of frames in [0, 1])")
        for testCase in cases {
            if pipelines[testCase.checkpoint] == nil {
                let folder = root.appendingPathComponent("checkpoints/\(testCase.checkpoint)")
                pipelines[testCase.checkpoint] = (try TextToVideoPipeline(folder: folder),
                                                  try TextToVideoPipeline(folder: folder, backend: backend))
            }
            let pair = pipelines[testCase.checkpoint]!
            let reference = try SafeTensorsFile(url: root.appendingPathComponent("reference/pipeline-\(testCase.name).safetensors"))
                .tensor("frames")
            let onCPU = try pair.cpu.generate(testCase.settings).frames
            let onDevice = try pair.device.generate(testCase.settings).frames
            let deviceError = onDevice.maxAbsDifference(reference)
            worst = max(worst, deviceError)
            print(testCase.name.padding(toLength: 26, withPad: " ", startingAt: 0)
                  + String(format: "%16.2e  %13.2e  %10.2e", deviceError, onCPU.maxAbsDifference(reference),
                           onDevice.maxAbsDifference(onCPU)))
        }
        print("\(backend.name): worst difference to diffusers \(String(format: "%.2e", worst)), tolerance \(tolerance)")
        guard worst <= tolerance else { throw ExitCode(1) }
    }
}
