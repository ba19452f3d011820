import ArgumentParser
import Foundation

/// A failure a user can fix, reported as one line on stderr with exit status 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension FileHandle {
    func write(_ text: String) { write(Data(text.utf8)) }
}
