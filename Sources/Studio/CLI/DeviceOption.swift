import ArgumentParser
import Engine
import Foundation

extension DeviceChoice: ExpressibleByArgument {}

/// `--device auto|cpu|cuda`, shared by `studio` and `studio generate`.
enum DeviceOption {
    static let help = ArgumentHelp("Where the model runs: auto (the NVIDIA GPU when its CUDA backend starts, else the CPU), "
                                   + "cpu or cuda (fails when no GPU backend can start; `studio doctor` says why).")

    /// The backend for `choice`. `auto` falling back on a machine whose driver does see a GPU says why
    /// on stderr (where there is no GPU at all the CPU is simply the default).
    static func backend(_ choice: DeviceChoice) throws -> any Backend {
        do {
            let (backend, fallback) = try choice.resolve()
            if let fallback, case .available = CUDADriver.probe() {
                FileHandle.standardError.write("studio: note: \(fallback)\n")
            }
            return backend
        } catch {
            throw CLIError("--device \(choice.rawValue): \(error.reason)")
        }
    }
}
