import Foundation

/// The ranges a widened parameter was asked for, from any thread.
final class WidenCalls: @unchecked Sendable {
    private var ranges: [Range<Int>] = []
    private let lock = NSLock()

    func append(_ range: Range<Int>) {
        lock.lock()
        ranges.append(range)
        lock.unlock()
    }

    var sorted: [Range<Int>] {
        lock.lock()
        defer { lock.unlock() }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }
}
