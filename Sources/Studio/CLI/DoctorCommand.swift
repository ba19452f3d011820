import ArgumentParser

// Placeholder until its issue lands: the command exists so the CLI's shape is fixed.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("studio doctor is not built yet")
    }
}
