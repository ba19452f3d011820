import Foundation

/// The training noise schedule β_t, α_t and ᾱ_t, bit for bit as torch computes them in float32.
public struct NoiseSchedule: Sendable {
    public let betas: [Float]
    public let alphasCumprod: [Float]

    public init(config: SchedulerConfig) throws {
        try config.validate()
        let n = config.numTrainTimesteps
        if let trained = config.trainedBetas {
            guard trained.count == n else {
                throw ModelError.invalidStructure("scheduler trained_betas has \(trained.count) values for \(n) timesteps")
            }
            betas = trained
        } else {
            switch config.betaSchedule {
            case "linear":
                betas = Self.linspace(Float(config.betaStart), Float(config.betaEnd), count: n)
            case "scaled_linear":
                // Python takes the square roots in double before torch casts the ends to float32.
                let start = Float(config.betaStart.squareRoot()), end = Float(config.betaEnd.squareRoot())
                betas = Self.linspace(start, end, count: n).map { $0 * $0 }
            default:
                throw ModelError.invalidStructure("scheduler beta_schedule \(config.betaSchedule) (linear or scaled_linear)")
            }
        }
        // torch.cumprod on the CPU accumulates in double and stores float32.
        var product = 1.0
        alphasCumprod = betas.map { beta in
            product *= Double(1 - beta)
            return Float(product)
        }
    }

    /// torch.linspace in float32: the first half counts up from `start`, the second down from `end`,
    /// each with one fused multiply-add.
    static func linspace(_ start: Float, _ end: Float, count: Int) -> [Float] {
        guard count > 1 else { return [start] }
        let step = (end - start) / Float(count - 1)
        let half = count / 2
        return (0..<count).map { i in
            i < half ? start.addingProduct(step, Float(i)) : end.addingProduct(-step, Float(count - 1 - i))
        }
    }
}
