/// Winograd F(4×4, 3×3) convolution for stride-1, padding-1 3×3 kernels (Lavin & Gray, 2015), the
/// UNet's and VAE's dominant operation. Each 4×4 output tile comes from a 6×6 input tile through
/// 36 elementwise products in the transformed domain instead of 144 multiply-adds per channel pair,
/// so the GEMM work drops fourfold: 36 products [O×C]·[C×tiles] through OpenBLAS, between an input
/// and an output transform that are cheap memory passes. F(4,3) rather than F(2,3) (2.25×) because
/// its float32 error (interpolation points 0, ±1, ±2) stays near 1e-6 of the output's scale, far
/// inside the fixtures' 1e-3.
enum Winograd {
    /// Output tile edge, input tile edge, and the 36 positions of the transformed domain.
    static let tile = 4, span = 6, positions = 36

    /// Upper bound, in floats, of each of the two transformed buffers (input and product) per pass:
    /// tiles are processed in chunks so that the buffers stay ≈ 100 MB however large the clip.
    static let bufferFloats = 24 << 20

    /// y = conv2d(x, weight, bias, stride 1, padding 1) for x [N, C, H, W] and weight [O, C, 3, 3].
    /// `bufferFloats` bounds each transformed buffer (smaller values only in tests, to cross chunk edges).
    static func convolve(_ x: Tensor, weight: Tensor, bias: Tensor?, bufferFloats: Int = bufferFloats) -> Tensor {
        let (images, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outChannels = weight.shape[0]
        precondition(weight.shape == [outChannels, channels, 3, 3], "winograd: weight \(weight.shape)")
        let tilesX = (width + tile - 1) / tile, tilesY = (height + tile - 1) / tile
        let tilesPerImage = tilesX * tilesY
        let totalTiles = images * tilesPerImage
        let chunkTiles = max(1, min(totalTiles, bufferFloats / (positions * max(channels, outChannels))))

        let transformedWeight = transformWeight(weight)
        let input = Tensor(uninitialized: [positions, channels, chunkTiles])
        let product = Tensor(uninitialized: [positions, outChannels, chunkTiles])
        let result = Tensor(uninitialized: [images, outChannels, height, width])
        let geometry = Geometry(channels: channels, outChannels: outChannels, height: height, width: width,
                                tilesX: tilesX, tilesPerImage: tilesPerImage)

        var first = 0
        while first < totalTiles {
            let count = min(chunkTiles, totalTiles - first)
            transformInput(x.pointer, into: input.pointer, tiles: first..<(first + count), geometry)
            for position in 0..<positions {
                GEMM.multiply(m: outChannels, n: count, k: channels,
                              a: transformedWeight.pointer + position * outChannels * channels, lda: channels,
                              b: input.pointer + position * channels * count, ldb: count,
                              c: product.pointer + position * outChannels * count, ldc: count)
            }
            transformOutput(product.pointer, into: result.pointer, bias: bias?.pointer,
                            tiles: first..<(first + count), geometry)
            first += count
        }
        return result
    }

    struct Geometry {
        let channels, outChannels, height, width, tilesX, tilesPerImage: Int
    }

    /// U = G·g·Gᵀ for every kernel, laid out [36, O, C] so that each position is one GEMM's left matrix.
    static func transformWeight(_ weight: Tensor) -> Tensor {
        let (outChannels, channels) = (weight.shape[0], weight.shape[1])
        let pairs = outChannels * channels
        let result = Tensor(uninitialized: [positions, outChannels, channels])
        let src = weight.pointer, dst = result.pointer
        Parallel.forRanges(pairs, cost: 200) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 18) { buffer in
                let partial = buffer.baseAddress!
                for pair in range {
                    let g = src + pair * 9
                    // G·g: 6 rows of 3, one per kernel column.
                    for column in 0..<3 {
                        let (g0, g1, g2) = (g[column], g[3 + column], g[6 + column])
                        kernelTransform(g0, g1, g2, into: partial + column, stride: 3)
                    }
                    // (G·g)·Gᵀ: each row of 3 becomes 6 positions.
                    for row in 0..<span {
                        let r = partial + row * 3
                        var out = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
                        withUnsafeMutableBytes(of: &out) { raw in
                            kernelTransform(r[0], r[1], r[2], into: raw.baseAddress!.assumingMemoryBound(to: Float.self), stride: 1)
                        }
                        let base = dst + row * span * pairs + pair
                        base[0] = out.0
                        base[pairs] = out.1
                        base[2 * pairs] = out.2
                        base[3 * pairs] = out.3
                        base[4 * pairs] = out.4
                        base[5 * pairs] = out.5
                    }
                }
            }
        }
        return result
    }

    /// G·(g0, g1, g2) for F(4,3): six values written `stride` apart.
    @inline(__always)
    static func kernelTransform(_ g0: Float, _ g1: Float, _ g2: Float,
                                into out: UnsafeMutablePointer<Float>, stride: Int) {
        let sum = g0 + g2, odd = g1
        out[0] = g0 / 4
        out[stride] = -(sum + odd) / 6
        out[2 * stride] = -(sum - odd) / 6
        let even = g0 / 24 + g2 / 6, oddTerm = g1 / 12
        out[3 * stride] = even + oddTerm
        out[4 * stride] = even - oddTerm
        out[5 * stride] = g2
    }

    /// V = Bᵀ·d·B of every 6×6 input tile (zero outside the image), written to [36, C, tiles].
    static func transformInput(_ x: UnsafeMutablePointer<Float>, into v: UnsafeMutablePointer<Float>,
                               tiles: Range<Int>, _ g: Geometry) {
        let count = tiles.count
        let plane = g.height * g.width
        let positionStride = g.channels * count
        Parallel.forEach(g.channels, cost: count * 150) { channel in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 72) { scratch in
                let d = scratch.baseAddress!, rows = d + 36
                for (slot, index) in tiles.enumerated() {
                    let image = index / g.tilesPerImage, local = index % g.tilesPerImage
                    let top = (local / g.tilesX) * tile - 1, left = (local % g.tilesX) * tile - 1
                    let source = x + (image * g.channels + channel) * plane
                    loadTile(source, top: top, left: left, height: g.height, width: g.width, into: d)
                    // Bᵀ·d down each column, then ·B along each row.
                    for column in 0..<span { inputTransform(d + column, stride: span, into: rows + column, outStride: span) }
                    let out = v + channel * count + slot
                    for row in 0..<span {
                        inputTransform(rows + row * span, stride: 1, into: out + row * span * positionStride,
                                       outStride: positionStride)
                    }
                }
            }
        }
    }

    /// Copies the 6×6 window at (top, left) of one plane, zero where it leaves the plane.
    @inline(__always)
    static func loadTile(_ plane: UnsafeMutablePointer<Float>, top: Int, left: Int, height: Int, width: Int,
                         into d: UnsafeMutablePointer<Float>) {
        let inside = top >= 0 && left >= 0 && top + span <= height && left + span <= width
        for row in 0..<span {
            let y = top + row
            let dst = d + row * span
            if inside {
                let src = plane + y * width + left
                for column in 0..<span { dst[column] = src[column] }
            } else if y < 0 || y >= height {
                for column in 0..<span { dst[column] = 0 }
            } else {
                let src = plane + y * width
                for column in 0..<span {
                    let xPosition = left + column
                    dst[column] = xPosition >= 0 && xPosition < width ? src[xPosition] : 0
                }
            }
        }
    }

    /// Bᵀ·(d0 … d5) for F(4,3), reading and writing with the given strides.
    @inline(__always)
    static func inputTransform(_ d: UnsafeMutablePointer<Float>, stride s: Int,
                               into out: UnsafeMutablePointer<Float>, outStride o: Int) {
        let d0 = d[0], d1 = d[s], d2 = d[2 * s], d3 = d[3 * s], d4 = d[4 * s], d5 = d[5 * s]
        let a = d4 - 4 * d2, b = d3 - 4 * d1
        let c = d4 - d2, e = 2 * (d3 - d1)
        out[0] = 4 * d0 - 5 * d2 + d4
        out[o] = a + b
        out[2 * o] = a - b
        out[3 * o] = c + e
        out[4 * o] = c - e
        out[5 * o] = 4 * d1 - 5 * d3 + d5
    }

    /// Y = Aᵀ·M·A + bias for every tile, cropped to the output plane.
    static func transformOutput(_ m: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                bias: UnsafeMutablePointer<Float>?, tiles: Range<Int>, _ g: Geometry) {
        let count = tiles.count
        let plane = g.height * g.width
        let positionStride = g.outChannels * count
        Parallel.forEach(g.outChannels, cost: count * 120) { channel in
            let shift = bias?[channel] ?? 0
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 36 + 24) { scratch in
                let gathered = scratch.baseAddress!, rows = gathered + 36
                for (slot, index) in tiles.enumerated() {
                    let source = m + channel * count + slot
                    for position in 0..<positions { gathered[position] = source[position * positionStride] }
                    // Aᵀ·M down each column (6 → 4 rows), then ·A along each of the 4 rows.
                    for column in 0..<span { outputTransform(gathered + column, stride: span, into: rows + column, outStride: span) }
                    let image = index / g.tilesPerImage, local = index % g.tilesPerImage
                    let top = (local / g.tilesX) * tile, left = (local % g.tilesX) * tile
                    let destination = y + (image * g.outChannels + channel) * plane
                    let visibleRows = min(tile, g.height - top), visibleColumns = min(tile, g.width - left)
                    var four = (Float(0), Float(0), Float(0), Float(0))
                    for row in 0..<visibleRows {
                        withUnsafeMutableBytes(of: &four) { raw in
                            outputTransform(rows + row * span, stride: 1,
                                            into: raw.baseAddress!.assumingMemoryBound(to: Float.self), outStride: 1)
                        }
                        let dst = destination + (top + row) * g.width + left
                        if visibleColumns == tile {
                            dst[0] = four.0 + shift
                            dst[1] = four.1 + shift
                            dst[2] = four.2 + shift
                            dst[3] = four.3 + shift
                        } else {
                            withUnsafeBytes(of: four) { raw in
                                let values = raw.assumingMemoryBound(to: Float.self)
                                for column in 0..<visibleColumns { dst[column] = values[column] + shift }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Aᵀ·(m0 … m5) for F(4,3): four values.
    @inline(__always)
    static func outputTransform(_ m: UnsafeMutablePointer<Float>, stride s: Int,
                                into out: UnsafeMutablePointer<Float>, outStride o: Int) {
        let m0 = m[0], m1 = m[s], m2 = m[2 * s], m3 = m[3 * s], m4 = m[4 * s], m5 = m[5 * s]
        let sum12 = m1 + m2, difference12 = m1 - m2
        let sum34 = m3 + m4, difference34 = m3 - m4
        out[0] = m0 + sum12 + sum34
        out[o] = difference12 + 2 * difference34
        out[2 * o] = sum12 + 4 * sum34
        out[3 * o] = difference12 + 8 * difference34 + m5
    }
}
