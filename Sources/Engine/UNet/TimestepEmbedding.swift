import Foundation

/// The sinusoidal timestep projection (cos first: flip_sin_to_cos) and the two-layer MLP after it.
struct TimestepEmbedding {
    let projectionWidth: Int
    let linear1: Linear
    let linear2: Linear

    init(_ weights: ComponentWeights, _ prefix: String, projectionWidth: Int, width: Int) throws {
        self.projectionWidth = projectionWidth
        linear1 = try Linear(weights, "\(prefix).linear_1", inputs: projectionWidth, outputs: width)
        linear2 = try Linear(weights, "\(prefix).linear_2", inputs: width, outputs: width)
    }

    /// diffusers' get_timestep_embedding with downscale_freq_shift 0, in float32 as torch computes it.
    static func sinusoid(timestep: Float, width: Int) -> [Float] {
        let half = width / 2
        var embedding = [Float](repeating: 0, count: width)
        let logPeriod = Float(-Foundation.log(10000.0))
        for j in 0..<half {
            let frequency = Foundation.exp(logPeriod * Float(j) / Float(half))
            let argument = timestep * frequency
            embedding[j] = Foundation.cos(argument)
            embedding[half + j] = Foundation.sin(argument)
        }
        return embedding
    }

    /// [rows, width] time embeddings for one timestep repeated `rows` times, held by `backend`.
    func callAsFunction(timestep: Float, rows: Int, on backend: any Backend) -> Tensor {
        let sinusoid = Tensor(shape: [1, projectionWidth], values: Self.sinusoid(timestep: timestep, width: projectionWidth))
        return linear2(linear1(sinusoid.on(backend)).silu()).repeatingItems(rows)
    }
}
