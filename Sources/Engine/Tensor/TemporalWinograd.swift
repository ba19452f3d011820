import Foundation

/// Winograd F(4,3) along the frame axis for the temporal (3,1,1) convolutions of a [B, C, F, S] video
/// (Lavin & Gray, 2015, in one dimension). Each run of four output frames comes from six input frames
/// through six products in the transformed domain instead of twelve multiply-adds per channel pair, so
/// the GEMM work drops from 3F − 2 frame-products (three shifted taps) to 6·⌈F/4⌉: 46 → 24 at 16
/// frames. Every pixel's frames are one 1-D signal, so the transforms are plain passes over whole
/// frame rows; the transformed kernels are rebuilt at each use from the checkpoint's (F16 widened
/// block by block as in `Winograd.transformWeight`). Same matrices, and so the same float32 error,
/// as the 3×3 Winograd in one dimension instead of two.
enum TemporalWinograd {
    /// Output frames per tile, input frames per tile.
    static let tile = 4, span = 6

    static func tiles(frames: Int) -> Int { (frames + tile - 1) / tile }

    /// Whether six products per four frames beat the three shifted taps for this many frames
    /// (from 3 frames on; `STUDIO_WINOGRAD=0` turns it off with the 3×3 one).
    static func suits(frames: Int) -> Bool {
        Winograd.isEnabled && span * tiles(frames: frames) < 3 * frames - 2
    }

    /// The Conv3d (3,1,1) with padding (1,0,0) of x [B, C, F, S] with kernel [O, C, 3, 1, 1] and bias [O].
    /// Runs of four frames ("units", one per video and tile) go in chunks so that each transformed
    /// buffer stays under `bufferFloats` (smaller only in tests, to cross chunk edges).
    static func convolve(_ x: Tensor, kernel: Parameter, bias: Tensor,
                         bufferFloats: Int = Winograd.bufferFloats) -> Tensor {
        precondition(x.rank == 4, "temporal winograd expects [B, C, F, S], got \(x.shape)")
        let (batch, channels, frames, spatial) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outChannels = kernel.shape[0]
        precondition(kernel.count == outChannels * channels * 3 && bias.count == outChannels,
                     "temporal winograd: kernel \(kernel.shape), bias \(bias.shape) for \(channels) channels")
        let units = batch * tiles(frames: frames)
        let chunkUnits = max(1, min(units, bufferFloats / (span * max(channels, outChannels) * spatial)))

        let weightTimer = OpProfile.start("temporal conv: weight transform")
        let transformed = transformKernel(kernel, channels: channels)
        weightTimer.stop()
        let input = Tensor(uninitialized: [span, channels, chunkUnits * spatial])
        let product = Tensor(uninitialized: [span, outChannels, chunkUnits * spatial])
        let result = Tensor(uninitialized: [batch, outChannels, frames, spatial])
        let geometry = Geometry(channels: channels, outChannels: outChannels, frames: frames, spatial: spatial)
        var first = 0
        while first < units {
            let chunk = first..<min(units, first + chunkUnits)
            let columns = chunk.count * spatial
            let inputTimer = OpProfile.start("temporal conv: input transform")
            transformInput(x.pointer, into: input.pointer, units: chunk, geometry)
            inputTimer.stop()
            let gemmTimer = OpProfile.start("temporal conv")
            GEMM.multiplyEach(span, m: outChannels, n: columns, k: channels,
                              a: transformed.pointer, b: input.pointer, c: product.pointer)
            gemmTimer.stop()
            let outputTimer = OpProfile.start("temporal conv: output transform")
            transformOutput(product.pointer, into: result.pointer, bias: bias.pointer, units: chunk, geometry)
            outputTimer.stop()
            first = chunk.upperBound
        }
        return result
    }

    struct Geometry {
        let channels, outChannels, frames, spatial: Int
    }

    /// G·(w0, w1, w2) of every (output, input) channel pair, laid out [6, O, C] so that each position is
    /// one GEMM's left matrix. The kernel's three taps per pair are regrouped into three rows per block
    /// of 256 pairs, so that G runs along rows eight pairs per vector (`Winograd.kernelRows`).
    static func transformKernel(_ kernel: Parameter, channels: Int) -> Tensor {
        let outChannels = kernel.shape[0]
        let pairs = outChannels * channels
        let block = 256
        let result = Tensor(uninitialized: [span, outChannels, channels])
        let dst = result.pointer
        Winograd.forEachKernelTask(kernel, taps: 3, scratch: 3 * block, cost: 40) { taskFirst, taskCount, weights, taps in
            var first = taskFirst
            while first < taskFirst + taskCount {
                let count = min(block, taskFirst + taskCount - first)
                let source = weights + (first - taskFirst) * 3
                let (t0, t1, t2) = (taps, taps + block, taps + 2 * block)
                for pair in 0..<count {
                    t0[pair] = source[pair &* 3]
                    t1[pair] = source[pair &* 3 &+ 1]
                    t2[pair] = source[pair &* 3 &+ 2]
                }
                Winograd.kernelRows(t0, t1, t2, count: count, into: dst + first, rowStride: pairs)
                first += block
            }
        }
        return result
    }

    /// Bᵀ·(d0 … d5) of frames 4t − 1 … 4t + 4 of every unit (zero outside the video), for each pixel,
    /// into [6, C, units·S]: column (unit − first)·S + pixel.
    static func transformInput(_ x: UnsafeMutablePointer<Float>, into v: UnsafeMutablePointer<Float>,
                               units: Range<Int>, _ g: Geometry) {
        let tilesPerVideo = tiles(frames: g.frames)
        let columns = units.count * g.spatial
        let positionStride = g.channels * columns
        Parallel.forEach(g.channels, cost: columns * 40) { channel in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: g.spatial) { zeros in
                let zero = zeros.baseAddress!
                zero.initialize(repeating: 0, count: g.spatial)
                for (slot, unit) in units.enumerated() {
                    let video = unit / tilesPerVideo, firstFrame = (unit % tilesPerVideo) * tile - 1
                    let plane = x + (video * g.channels + channel) * g.frames * g.spatial
                    let row = { (j: Int) -> UnsafeMutablePointer<Float> in
                        let frame = firstFrame + j
                        return frame >= 0 && frame < g.frames ? plane + frame * g.spatial : zero
                    }
                    let (d0, d1, d2, d3, d4, d5) = (row(0), row(1), row(2), row(3), row(4), row(5))
                    let o0 = v + channel * columns + slot * g.spatial
                    let (o1, o2, o3) = (o0 + positionStride, o0 + 2 * positionStride, o0 + 3 * positionStride)
                    let (o4, o5) = (o0 + 4 * positionStride, o0 + 5 * positionStride)
                    var s = 0
                    while s &+ 8 <= g.spatial {
                        let t = Winograd.inputTransform(Winograd.load8(d0 + s), Winograd.load8(d1 + s), Winograd.load8(d2 + s),
                                                        Winograd.load8(d3 + s), Winograd.load8(d4 + s), Winograd.load8(d5 + s))
                        Winograd.store8(t.0, o0 + s)
                        Winograd.store8(t.1, o1 + s)
                        Winograd.store8(t.2, o2 + s)
                        Winograd.store8(t.3, o3 + s)
                        Winograd.store8(t.4, o4 + s)
                        Winograd.store8(t.5, o5 + s)
                        s &+= 8
                    }
                    while s < g.spatial {
                        let t = Winograd.inputTransform(d0[s], d1[s], d2[s], d3[s], d4[s], d5[s])
                        (o0[s], o1[s], o2[s], o3[s], o4[s], o5[s]) = t
                        s &+= 1
                    }
                }
            }
        }
    }

    /// Aᵀ·(m0 … m5) + bias for every unit and pixel: output frames 4t … 4t + 3 that fall inside the video.
    static func transformOutput(_ m: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                bias: UnsafeMutablePointer<Float>, units: Range<Int>, _ g: Geometry) {
        let tilesPerVideo = tiles(frames: g.frames)
        let columns = units.count * g.spatial
        let positionStride = g.outChannels * columns
        Parallel.forEach(g.outChannels, cost: columns * 30) { channel in
            let shift = bias[channel], shift8 = SIMD8<Float>(repeating: bias[channel])
            for (slot, unit) in units.enumerated() {
                let video = unit / tilesPerVideo, firstFrame = (unit % tilesPerVideo) * tile
                let m0 = m + channel * columns + slot * g.spatial
                let (m1, m2, m3) = (m0 + positionStride, m0 + 2 * positionStride, m0 + 3 * positionStride)
                let (m4, m5) = (m0 + 4 * positionStride, m0 + 5 * positionStride)
                let y0 = y + ((video * g.outChannels + channel) * g.frames + firstFrame) * g.spatial
                let (y1, y2, y3) = (y0 + g.spatial, y0 + 2 * g.spatial, y0 + 3 * g.spatial)
                if firstFrame + tile <= g.frames {
                    var s = 0
                    while s &+ 8 <= g.spatial {
                        let t = Winograd.outputTransform(Winograd.load8(m0 + s), Winograd.load8(m1 + s), Winograd.load8(m2 + s),
                                                         Winograd.load8(m3 + s), Winograd.load8(m4 + s), Winograd.load8(m5 + s))
                        Winograd.store8(t.0 + shift8, y0 + s)
                        Winograd.store8(t.1 + shift8, y1 + s)
                        Winograd.store8(t.2 + shift8, y2 + s)
                        Winograd.store8(t.3 + shift8, y3 + s)
                        s &+= 8
                    }
                    while s < g.spatial {
                        let t = Winograd.outputTransform(m0[s], m1[s], m2[s], m3[s], m4[s], m5[s])
                        (y0[s], y1[s], y2[s], y3[s]) = (t.0 + shift, t.1 + shift, t.2 + shift, t.3 + shift)
                        s &+= 1
                    }
                } else {
                    // The last tile of a video whose frame count is not a multiple of 4.
                    let visible = g.frames - firstFrame
                    for s in 0..<g.spatial {
                        let t = Winograd.outputTransform(m0[s], m1[s], m2[s], m3[s], m4[s], m5[s])
                        y0[s] = t.0 + shift
                        if visible > 1 { y1[s] = t.1 + shift }
                        if visible > 2 { y2[s] = t.2 + shift }
                    }
                }
            }
        }
    }
}
