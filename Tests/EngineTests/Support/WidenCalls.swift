import Foundation
@testable import Engine

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

/// A parameter widened on use from `tensor`'s values, recording each range it is asked for in `calls`.
func widenedCopy(of tensor: Tensor, recordingInto calls: WidenCalls) -> Parameter {
    Parameter(shape: tensor.shape) { range, destination in
        calls.append(range)
        destination.update(from: tensor.pointer + range.lowerBound, count: range.count)
    }
}
