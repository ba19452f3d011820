import ArgumentParser
import Engine
import Foundation

/// `studio-engine generate`: one clip, written as float32 frames (F, H, W, 3) in [0, 1] to a .npy file.
struct EngineGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Generate a clip to a .npy file.")

    @OptionGroup var options: GenerationOptions
    @Option(help: "The .npy file to write.")
    var output: String

    func validate() throws {
        guard output.hasSuffix(".npy") else { throw ValidationError("--output must end in .npy, got \(output)") }
    }

    func run() throws {
        let backend = try options.backend()
        let pipeline = try options.pipeline(on: backend)
        let clip: GeneratedClip
        do {
            clip = try pipeline.generate(options.settings)
        } catch {
            throw EngineToolError("generation failed on \(backend.name): \(error)")
        }
        try NPYWriter.write(clip.frames, to: URL(fileURLWithPath: output))
        print("studio-engine: \(clip.frameCount) frames of \(clip.width)×\(clip.height) on \(backend.name) in "
              + "\(format(clip.seconds)) → \(output)")
    }
}
