/// Downsample2D (3×3 stride-2 conv) and Upsample2D (nearest ×2 or to a size, then 3×3 conv).
struct Downsample2D {
    let conv: Conv2d
    /// The VAE encoder pads only right and bottom (padding 0 plus an explicit pad), the UNet pads 1 all round.
    let asymmetricPadding: Bool

    init(_ weights: ComponentWeights, _ prefix: String, channels: Int, padding: Int) throws {
        conv = try Conv2d(weights, "\(prefix).conv", inputs: channels, outputs: channels, kernel: 3, stride: 2, padding: padding)
        asymmetricPadding = padding == 0
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        if asymmetricPadding {
            return x.conv2d(conv.weight, bias: conv.bias, stride: 2, padding: (0, 1, 0, 1))
        }
        return conv(x)
    }
}

struct Upsample2D {
    let conv: Conv2d

    init(_ weights: ComponentWeights, _ prefix: String, channels: Int) throws {
        conv = try Conv2d(weights, "\(prefix).conv", inputs: channels, outputs: channels, kernel: 3, padding: 1)
    }

    /// `size` overrides doubling when the latent is not a multiple of the UNet's overall factor.
    func callAsFunction(_ x: Tensor, size: (height: Int, width: Int)? = nil) -> Tensor {
        let target = size ?? (x.shape[2] * 2, x.shape[3] * 2)
        return conv(x.upsampleNearest(height: target.height, width: target.width))
    }
}
