import ArgumentParser
import Engine
import Foundation

/// `studio tokens`: how the CLIP tokenizer reads a prompt, and what does not fit in the text encoder's 77 tokens.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Show how a prompt is tokenized for the text encoder (and what is cut off).")

    @Option(name: .long, help: ArgumentHelp("A diffusers-layout model folder; its tokenizer/ subfolder is read.",
                                            valueName: "dir"))
    var model: String?

    @Flag(name: .long, help: "Print exactly one JSON object: {\"ids\": [...], \"count\": N, \"truncated\": \"...\"}.")
    var json = false

    @Argument(help: "The prompt.")
    var text: String

    func run() throws {
        let tokenizer: CLIPTokenizer
        do {
            tokenizer = try CLIPTokenizer(folder: try tokenizerFolder())
        } catch {
            FileHandle.standardError.write(Data("studio tokens: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let prompt = tokenizer.encode(text)
        print(json ? Self.jsonReport(prompt) : Self.humanReport(prompt, maxLength: tokenizer.maxLength))
    }

    private func tokenizerFolder() throws -> URL {
        let modelFolder = try ModelOption.resolve(model)
        let folder = modelFolder.appendingPathComponent("tokenizer")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw TokensCommandError.missingTokenizerFolder(folder)
        }
        return folder
    }

    static func jsonReport(_ prompt: TokenizedPrompt) -> String {
        let ids = prompt.ids.map(String.init).joined(separator: ", ")
        return "{\"ids\": [\(ids)], \"count\": \(prompt.count), \"truncated\": \(jsonString(prompt.truncatedText))}"
    }

    static func humanReport(_ prompt: TokenizedPrompt, maxLength: Int) -> String {
        var report = "\(prompt.count)/\(maxLength) tokens"
        if !prompt.truncatedText.isEmpty {
            report += " — too long; the text encoder never sees this part:\n  \(prompt.truncatedText)"
        }
        return report
    }

    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Why `studio tokens` could not find a tokenizer.
enum TokensCommandError: Error, CustomStringConvertible {
    case missingTokenizerFolder(URL)

    var description: String {
        switch self {
        case .missingTokenizerFolder(let folder): return "the model has no tokenizer folder: \(folder.path) is missing"
        }
    }
}
