/// 2-D convolution (Winograd for 3×3, one GEMM per image for large 1×1 planes, im2col otherwise)
/// and the temporal (3,1,1) convolution of video tensors.
extension Tensor {
    /// torch.nn.functional.conv2d on [N, C, H, W] with weight [O, C, kh, kw], symmetric zero padding.
    public func conv2d(_ weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0) -> Tensor {
        conv2d(weight, bias: bias, stride: stride, padding: (padding, padding, padding, padding))
    }

    /// conv2d with explicit (top, bottom, left, right) zero padding, as the VAE encoder's
    /// asymmetric downsampling needs.
    public func conv2d(_ weight: Tensor, bias: Tensor?, stride: Int,
                       padding: (top: Int, bottom: Int, left: Int, right: Int)) -> Tensor {
        precondition(rank == 4 && weight.rank == 4 && weight.shape[1] == shape[1],
                     "conv2d: input \(shape) does not match weight \(weight.shape)")
        let (kh, kw) = (weight.shape[2], weight.shape[3])
        let padded = [padding.top, padding.bottom, padding.left, padding.right]
        if Winograd.applies(to: self, kernel: (kh, kw), stride: stride, padding: padding) {
            return Winograd.convolve(self, weight: Parameter(weight), bias: bias)
        }
        if kh == 1 && kw == 1 && stride == 1 && padded.allSatisfy({ $0 == 0 })
            && shape[2] * shape[3] >= Self.pointwisePlaneForDirectGEMM {
            let profile = OpProfile.start("conv 1×1")
            defer { profile.stop() }
            return pointwiseConv2d(weight, bias: bias)
        }
        let profile = OpProfile.start("conv \(kh)×\(kw) s\(stride) (im2col)")
        defer { profile.stop() }
        return im2colConv2d(weight, bias: bias, stride: stride, padding: padding)
    }

    /// Planes at least this large make wide enough products on their own (one GEMM per image);
    /// smaller ones are gathered across images so that the UNet's 4×4 and 8×8 planes stay efficient.
    static let pointwisePlaneForDirectGEMM = 1024

    /// A 1×1 convolution as one GEMM per image straight on its [C, H·W] planes, into a bias-initialised output.
    func pointwiseConv2d(_ weight: Tensor, bias: Tensor?) -> Tensor {
        let (images, channels) = (shape[0], shape[1])
        let outChannels = weight.shape[0]
        let plane = shape[2] * shape[3]
        let result = Tensor(uninitialized: [images, outChannels, shape[2], shape[3]])
        let out = result.pointer
        if let b = bias?.pointer {
            Parallel.forEach(images * outChannels, cost: plane) { job in
                (out + job * plane).initialize(repeating: b[job % outChannels], count: plane)
            }
        }
        for image in 0..<images {
            GEMM.multiply(m: outChannels, n: plane, k: channels,
                          a: weight.pointer, lda: channels,
                          b: pointer + image * channels * plane, ldb: plane,
                          beta: bias == nil ? 0 : 1,
                          c: out + image * outChannels * plane, ldc: plane)
        }
        return result
    }

    /// Any convolution through an im2col column buffer and one GEMM per group of images.
    func im2colConv2d(_ weight: Tensor, bias: Tensor?, stride: Int,
                      padding: (top: Int, bottom: Int, left: Int, right: Int)) -> Tensor {
        let (images, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        let (outChannels, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        let outHeight = (height + padding.top + padding.bottom - kh) / stride + 1
        let outWidth = (width + padding.left + padding.right - kw) / stride + 1
        let outPlane = outHeight * outWidth
        let patch = channels * kh * kw
        let result = Tensor(uninitialized: [images, outChannels, outHeight, outWidth])
        let isPointwise = kh == 1 && kw == 1 && stride == 1
            && padding.top == 0 && padding.bottom == 0 && padding.left == 0 && padding.right == 0

        // Several images share one GEMM so that small planes (4×4 at the UNet's bottom) still make
        // wide products; the column buffer stays bounded at about 32 M floats.
        let imagesPerChunk = max(1, min(images, 32_000_000 / max(1, patch * outPlane)))
        let columns = Tensor(uninitialized: [patch, imagesPerChunk * outPlane])
        let product = Tensor(uninitialized: [outChannels, imagesPerChunk * outPlane])

        var first = 0
        while first < images {
            let chunk = min(imagesPerChunk, images - first)
            let width_ = chunk * outPlane
            if isPointwise {
                for i in 0..<chunk {
                    let src = pointer + (first + i) * channels * outPlane
                    for c in 0..<channels {
                        (columns.pointer + c * width_ + i * outPlane).update(from: src + c * outPlane, count: outPlane)
                    }
                }
            } else {
                let input = pointer
                let cols = columns.pointer
                Parallel.forEach(channels * chunk, cost: kh * kw * outPlane) { job in
                    let c = job % channels, i = job / channels
                    let plane = input + ((first + i) * channels + c) * height * width
                    for ky in 0..<kh {
                        for kx in 0..<kw {
                            let row = cols + ((c * kh + ky) * kw + kx) * width_ + i * outPlane
                            for oy in 0..<outHeight {
                                let iy = oy * stride + ky - padding.top
                                let dst = row + oy * outWidth
                                if iy < 0 || iy >= height {
                                    dst.initialize(repeating: 0, count: outWidth)
                                    continue
                                }
                                let srcRow = plane + iy * width
                                for ox in 0..<outWidth {
                                    let ix = ox * stride + kx - padding.left
                                    dst[ox] = (ix >= 0 && ix < width) ? srcRow[ix] : 0
                                }
                            }
                        }
                    }
                }
            }
            GEMM.multiply(m: outChannels, n: width_, k: patch,
                          a: weight.pointer, lda: patch, b: columns.pointer, ldb: width_,
                          c: product.pointer, ldc: width_)
            let out = result.pointer, prod = product.pointer, b = bias?.pointer
            Parallel.forEach(chunk * outChannels, cost: outPlane) { job in
                let o = job % outChannels, i = job / outChannels
                let dst = out + ((first + i) * outChannels + o) * outPlane
                let src = prod + o * width_ + i * outPlane
                let shift = b?[o] ?? 0
                for p in 0..<outPlane { dst[p] = src[p] + shift }
            }
            first += chunk
        }
        return result
    }

    /// The (3,1,1) Conv3d of a temporal conv layer on a video tensor laid out [B, C, F, S]:
    /// y[f] = bias + W₀·x[f−1] + W₁·x[f] + W₂·x[f+1], zero outside the clip. `taps` holds the three
    /// [O, C] matrices W₀, W₁, W₂ (repacked once from the checkpoint's [O, C, 3, 1, 1]).
    public func temporalConv(taps: [Tensor], bias: Tensor) -> Tensor {
        let profile = OpProfile.start("temporal conv")
        defer { profile.stop() }
        precondition(rank == 4 && taps.count == 3, "temporalConv expects [B, C, F, S] and three taps")
        let (batch, channels, frames, spatial) = (shape[0], shape[1], shape[2], shape[3])
        let outChannels = taps[1].shape[0]
        precondition(taps.allSatisfy { $0.shape == [outChannels, channels] }, "temporalConv: tap shapes")
        let row = frames * spatial
        let result = Tensor(uninitialized: [batch, outChannels, frames, spatial])
        let out = result.pointer, b = bias.pointer
        Parallel.forEach(batch * outChannels, cost: row) { job in
            let dst = out + job * row
            dst.initialize(repeating: b[job % outChannels], count: row)
        }
        for video in 0..<batch {
            let x = pointer + video * channels * row
            let y = out + video * outChannels * row
            GEMM.multiply(m: outChannels, n: row, k: channels, a: taps[1].pointer, lda: channels,
                          b: x, ldb: row, beta: 1, c: y, ldc: row)
            guard frames > 1 else { continue }
            let shifted = (frames - 1) * spatial
            // Previous frame: output frames 1..F−1 read input frames 0..F−2.
            GEMM.multiply(m: outChannels, n: shifted, k: channels, a: taps[0].pointer, lda: channels,
                          b: x, ldb: row, beta: 1, c: y + spatial, ldc: row)
            // Next frame: output frames 0..F−2 read input frames 1..F−1.
            GEMM.multiply(m: outChannels, n: shifted, k: channels, a: taps[2].pointer, lda: channels,
                          b: x + spatial, ldb: row, beta: 1, c: y, ldc: row)
        }
        return result
    }
}
