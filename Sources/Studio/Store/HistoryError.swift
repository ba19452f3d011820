import Foundation

/// Why the history could not be opened, written or read; each names the file or entry to look at.
enum HistoryError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotRecord(reason: String)
    case noSuchEntry(id: Int64)
    case incomplete(id: Int64, folder: String, missing: [String])

    var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the history at \(path): \(reason)"
        case .cannotRecord(let reason): return "cannot record the clip in the history: \(reason)"
        case .noSuchEntry(let id): return "no history entry #\(id) (see `studio history`)"
        case .incomplete(let id, let folder, let missing):
            return "history entry #\(id) is missing \(missing.joined(separator: ", ")) in \(folder)"
        }
    }
}
