@testable import Engine

/// Deterministic pseudo-random tensors for operator tests (a small LCG, independent of the engine's RNG).
struct TestTensors {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }

    mutating func next() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int64(bitPattern: state >> 11) % 2_000_001) / 1_000_000 - 1
    }

    mutating func tensor(_ shape: [Int], scale: Float = 1) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, values: (0..<count).map { _ in next() * scale })
    }
}
