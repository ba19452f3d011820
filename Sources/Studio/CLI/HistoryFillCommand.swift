import ArgumentParser
import Engine
import Foundation

extension HistoryCommand {
    /// Hidden: records small synthetic clips in a loop, so a test can kill a process in the middle of
    /// history writes and check what it left (HistoryStoreKillTests).
    struct FillForTests: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "fill-for-tests", shouldDisplay: false)

        @Option var count = 1000

        func run() throws {
            let store = try HistoryCommand.open()
            for index in 0..<count {
                let values = (0..<(2 * 8 * 8 * 3)).map { Float(($0 + index) % 11) / 10 }
                let clip = GeneratedClip(frames: Tensor(shape: [2, 8, 8, 3], values: values),
                                         settings: GenerationSettings(prompt: "fill \(index)", seed: UInt64(index), steps: 1, frames: 2),
                                         seconds: 0.01)
                try store.record(clip, modelName: "fill", modelWeightsHash: nil, jobID: index)
                // Tells the test that at least one write finished, so its kill lands among later ones.
                if index == 0 { FileHandle.standardOutput.write("recording\n") }
            }
        }
    }
}
