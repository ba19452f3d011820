import ArgumentParser
import Foundation

/// `studio doctor`: what this machine and terminal offer studio, and where it looks for the model.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report the terminal's graphics and colours, OpenBLAS, FFmpeg and the model folders.")

    @Option(name: .long, help: "A model folder to check besides the usual places.")
    var model: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let locator = ModelLocator.standard(explicitPath: model, environment: environment)
        let report = DoctorReport.gather(version: StudioVersion.current, environment: environment, locator: locator)
        print(report.render(), terminator: "")
    }
}
