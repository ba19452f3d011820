import Engine
import Foundation

/// Points $XDG_DATA_HOME at a fresh folder for one test, so the history it writes is its own; restores the
/// previous value and removes the folder afterwards.
final class TemporaryDataHome {
    let url: URL
    private let previous: String?

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("studio-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        previous = ProcessInfo.processInfo.environment["XDG_DATA_HOME"]
        setenv("XDG_DATA_HOME", url.path, 1)
    }

    func restore() {
        if let previous { setenv("XDG_DATA_HOME", previous, 1) } else { unsetenv("XDG_DATA_HOME") }
        try? FileManager.default.removeItem(at: url)
    }

    /// The folder the history lives in ($XDG_DATA_HOME/studio).
    var studioFolder: URL { url.appendingPathComponent("studio") }

    /// A small clip with a moving bright square over a gradient, so encoders see structure and motion.
    static func clip(prompt: String = "a red square", seed: UInt64 = 7, frames: Int = 4, width: Int = 32,
                     height: Int = 24) -> GeneratedClip {
        var values = [Float](repeating: 0, count: frames * height * width * 3)
        for f in 0..<frames {
            for y in 0..<height {
                for x in 0..<width {
                    let i = ((f * height + y) * width + x) * 3
                    let inside = x >= f * 4 && x < f * 4 + 8 && y >= 8 && y < 16
                    values[i] = inside ? 0.9 : Float(x) / Float(width)
                    values[i + 1] = inside ? 0.15 : Float(y) / Float(height)
                    values[i + 2] = inside ? 0.2 : 0.5
                }
            }
        }
        return GeneratedClip(frames: Tensor(shape: [frames, height, width, 3], values: values),
                             settings: GenerationSettings(prompt: prompt, negativePrompt: "blur", seed: seed, steps: 3,
                                                          guidance: 7.5, frames: frames, sampler: "dpm++"),
                             seconds: 1.25)
    }
}
