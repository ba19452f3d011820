import ArgumentParser

// Placeholder until its issue lands: the command exists so the CLI's shape is fixed.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tokens", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("studio tokens is not built yet")
    }
}
