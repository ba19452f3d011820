import Foundation

/// Reads a tokenizer file whole, turning a missing or unreadable file into a `TokenizerError` naming it.
enum TokenizerFileReader {
    static func data(of file: URL) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else {
            throw TokenizerError.missingFile(file)
        }
        guard !isDirectory.boolValue else { throw TokenizerError.unreadableFile(file, reason: "it is a directory") }
        do {
            return try Data(contentsOf: file)
        } catch {
            throw TokenizerError.unreadableFile(file, reason: error.localizedDescription)
        }
    }

    /// The file's top-level JSON object.
    static func jsonObject(of file: URL) throws -> [String: Any] {
        let data = try data(of: file)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw TokenizerError.malformedFile(file, reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw TokenizerError.malformedFile(file, reason: "the top level is not a JSON object")
        }
        return dictionary
    }
}
