import Foundation

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

    /// Fewer tiles than this make 36 GEMMs too narrow to pay for transforming the weights. The UNet's
    /// 4×4 planes have one tile per image: at 8 frames (16 tiles) im2col was faster; at 16 frames (32
    /// tiles) Winograd took 0.51 s of GEMMs + 0.6 s more weight transforms where im2col took 1.71 s.
    static let minimumTiles = 32

    /// Whether x [N, C, H, W] has enough output tiles for Winograd to beat im2col.
    static func suits(_ x: Tensor) -> Bool {
        isEnabled && x.shape[0] * ((x.shape[2] + tile - 1) / tile) * ((x.shape[3] + tile - 1) / tile) >= minimumTiles
    }

    /// `STUDIO_WINOGRAD=0` sends 3×3 convolutions through im2col instead, for before/after measurements.
    static let isEnabled = ProcessInfo.processInfo.environment["STUDIO_WINOGRAD"] != "0"

    /// Upper bound, in floats, of each of the two transformed buffers (input and product) per pass:
    /// tiles are processed in chunks so that the buffers stay ≈ 100 MB however large the clip.
    static let bufferFloats = 24 << 20

    /// Whether conv2d with this kernel size, stride and padding on x goes through Winograd.
    static func applies(to x: Tensor, kernel: (height: Int, width: Int), stride: Int,
                        padding: (top: Int, bottom: Int, left: Int, right: Int)) -> Bool {
        kernel == (3, 3) && stride == 1 && padding == (1, 1, 1, 1) && suits(x)
    }

    /// y = conv2d(x, weight, bias, stride 1, padding 1) for x [N, C, H, W] and weight [O, C, 3, 3].
    /// `bufferFloats` bounds each transformed buffer (smaller values only in tests, to cross chunk edges).
    static func convolve(_ x: Tensor, weight: Parameter, bias: Tensor?, bufferFloats: Int = bufferFloats) -> Tensor {
        let (images, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outChannels = weight.shape[0]
        precondition(weight.shape == [outChannels, channels, 3, 3], "winograd: weight \(weight.shape)")
        let tilesX = (width + tile - 1) / tile, tilesY = (height + tile - 1) / tile
        let tilesPerImage = tilesX * tilesY
        let totalTiles = images * tilesPerImage
        let chunkTiles = max(1, min(totalTiles, bufferFloats / (positions * max(channels, outChannels))))

        let weightTimer = OpProfile.start("conv 3×3: weight transform")
        let transformedWeight = transformWeight(weight)
        weightTimer.stop()
        let input = Tensor(uninitialized: [positions, channels, chunkTiles])
        let product = Tensor(uninitialized: [positions, outChannels, chunkTiles])
        let result = Tensor(uninitialized: [images, outChannels, height, width])
        let geometry = Geometry(channels: channels, outChannels: outChannels, height: height, width: width,
                                tilesX: tilesX, tilesPerImage: tilesPerImage)

        var first = 0
        while first < totalTiles {
            let count = min(chunkTiles, totalTiles - first)
            let inputTimer = OpProfile.start("conv 3×3: input transform")
            transformInput(x.pointer, into: input.pointer, tiles: first..<(first + count), geometry)
            inputTimer.stop()
            let gemmTimer = OpProfile.start("conv 3×3: GEMMs \(width)×\(height)")
            GEMM.multiplyEach(positions, m: outChannels, n: count, k: channels,
                              a: transformedWeight.pointer, b: input.pointer, c: product.pointer)
            gemmTimer.stop()
            let outputTimer = OpProfile.start("conv 3×3: output transform")
            transformOutput(product.pointer, into: result.pointer, bias: bias?.pointer,
                            tiles: first..<(first + count), geometry)
            outputTimer.stop()
            first += count
        }
        return result
    }

    struct Geometry {
        let channels, outChannels, height, width, tilesX, tilesPerImage: Int
    }

    /// U = G·g·Gᵀ for every kernel, laid out [36, O, C] so that each position is one GEMM's left matrix.
    /// Kernels go in blocks of 256 (O, C) pairs, regrouped so that each of their nine taps is a row:
    /// both passes of G are then loops along rows that vectorise, and the 36 outputs of a block are
    /// 36 contiguous runs instead of 36 scattered stores per kernel. An F16 weight is widened here,
    /// 4096 kernels at a time into a buffer that stays in cache, instead of into a float32 copy of the
    /// whole tensor first (a write and a read of 2.2 GB per UNet step).
    static func transformWeight(_ weight: Parameter) -> Tensor {
        let (outChannels, channels) = (weight.shape[0], weight.shape[1])
        let pairs = outChannels * channels
        let block = 256
        let result = Tensor(uninitialized: [positions, outChannels, channels])
        let dst = result.pointer
        forEachKernelTask(weight, taps: 9, scratch: 27 * block, cost: 400) { taskFirst, taskCount, kernels, scratch in
            let taps = scratch, partial = taps + 9 * block
            var first = taskFirst
            while first < taskFirst + taskCount {
                let count = min(block, taskFirst + taskCount - first)
                let src = kernels + (first - taskFirst) * 9
                for k in 0..<9 {
                    let row = taps + k * block
                    for t in 0..<count { row[t] = src[t &* 9 &+ k] }
                }
                // G·g: each kernel column (taps l, 3 + l, 6 + l) becomes rows (i, l), i < 6.
                for column in 0..<3 {
                    kernelRows(taps + column * block, taps + (3 + column) * block, taps + (6 + column) * block,
                               count: count, into: partial + column * block, rowStride: 3 * block)
                }
                // (G·g)·Gᵀ: row i's three columns become positions 6i … 6i + 5.
                for row in 0..<span {
                    let r = partial + row * 3 * block
                    kernelRows(r, r + block, r + 2 * block, count: count,
                               into: dst + row * span * pairs + first, rowStride: pairs)
                }
                first += block
            }
        }
        return result
    }

    /// Kernels per task of a weight transform: 16 blocks of 256.
    static let taskKernels = 4096

    /// Spreads the kernels of `weight` (`taps` values each, row-major) over the cores in tasks of
    /// `taskKernels`; `body` gets the task's first kernel and count, their values (widened from F16 into a
    /// task buffer that stays in cache, or in place where resident) and `scratch` more floats of its own.
    static func forEachKernelTask(_ weight: Parameter, taps: Int, scratch: Int, cost: Int,
                                  _ body: (_ first: Int, _ count: Int, _ values: UnsafePointer<Float>,
                                           _ scratch: UnsafeMutablePointer<Float>) -> Void) {
        let kernels = weight.count / taps
        Parallel.forEach((kernels + taskKernels - 1) / taskKernels, cost: taskKernels * cost) { task in
            let first = task * taskKernels, count = min(taskKernels, kernels - first)
            withUnsafeTemporaryAllocation(of: Float.self, capacity: taps * count + scratch) { buffer in
                let widened = buffer.baseAddress!
                let values = weight.floats((first * taps)..<((first + count) * taps), widenedInto: widened)
                body(first, count, values, widened + taps * count)
            }
        }
    }

    /// G·(g0, g1, g2) for F(4,3), element by element along three rows of `count` kernels, into six
    /// rows `rowStride` apart.
    @inline(__always)
    static func kernelRows(_ g0: UnsafeMutablePointer<Float>, _ g1: UnsafeMutablePointer<Float>,
                           _ g2: UnsafeMutablePointer<Float>, count: Int,
                           into out: UnsafeMutablePointer<Float>, rowStride: Int) {
        let o0 = out, o1 = out + rowStride, o2 = out + 2 * rowStride
        let o3 = out + 3 * rowStride, o4 = out + 4 * rowStride, o5 = out + 5 * rowStride
        // Eight kernels per vector, spelled out: with nine pointers LLVM left the loop below scalar.
        var first = 0
        while first &+ 8 <= count {
            let a = load8(g0 + first), b = load8(g1 + first), c = load8(g2 + first)
            let sum = a + c
            store8(a * 0.25, o0 + first)
            store8((sum + b) * (-1.0 / 6), o1 + first)
            store8((sum - b) * (-1.0 / 6), o2 + first)
            let even = a * (1.0 / 24) + c * (1.0 / 6), odd = b * (1.0 / 12)
            store8(even + odd, o3 + first)
            store8(even - odd, o4 + first)
            store8(c, o5 + first)
            first &+= 8
        }
        for t in first..<count {
            let a = g0[t], b = g1[t], c = g2[t]
            let sum = a + c
            o0[t] = a * 0.25
            o1[t] = (sum + b) * (-1.0 / 6)
            o2[t] = (sum - b) * (-1.0 / 6)
            let even = a * (1.0 / 24) + c * (1.0 / 6), odd = b * (1.0 / 12)
            o3[t] = even + odd
            o4[t] = even - odd
            o5[t] = c
        }
    }

    /// The tile rows that `tiles` touches, each with its image, row within the image and the span of
    /// tile columns inside the range (chunks may start and end mid-row).
    static func forEachTileRow(_ tiles: Range<Int>, _ g: Geometry,
                               _ body: (_ image: Int, _ tileRow: Int, _ columns: Range<Int>, _ firstSlot: Int) -> Void) {
        let tilesY = g.tilesPerImage / g.tilesX
        for globalRow in (tiles.lowerBound / g.tilesX)...((tiles.upperBound - 1) / g.tilesX) {
            let rowStart = globalRow * g.tilesX
            let columns = (max(tiles.lowerBound, rowStart) - rowStart)..<(min(tiles.upperBound, rowStart + g.tilesX) - rowStart)
            body(globalRow / tilesY, globalRow % tilesY, columns, rowStart + columns.lowerBound - tiles.lowerBound)
        }
    }

    /// V = Bᵀ·d·B of every 6×6 input tile (zero outside the image), written to [36, C, tiles]. Done a
    /// tile row at a time: Bᵀ down the six input rows along the whole width, then B across each tile,
    /// so that both passes are loops over contiguous or evenly strided memory.
    ///
    /// The six rows are held split by column phase (column i of the padded row at phase i mod 4, slot
    /// i / 4), so that the six inputs of eight neighbouring tiles, columns 4t … 4t + 5, are six contiguous
    /// eight-float loads (phases 0–3 at slot t, phases 0–1 at slot t + 1) and the pass across tiles runs
    /// eight tiles per vector with six vector stores, where one tile at a time made it scalar loads and
    /// 36 scalar stores per tile (perf: most of the transform's time sat on those stores). Rows go into
    /// the phases 32 columns at a time through lane shuffles.
    static func transformInput(_ x: UnsafeMutablePointer<Float>, into v: UnsafeMutablePointer<Float>,
                               tiles: Range<Int>, _ g: Geometry) {
        let count = tiles.count
        let plane = g.height * g.width
        let positionStride = g.channels * count
        // Slots per phase: tilesX + 1 hold the padded row; 8 more keep the last vector loads inside.
        let phase = g.tilesX + 1 + 8
        let rowLength = 4 * phase
        Parallel.forEach(g.channels, cost: count * 150) { channel in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 12 * rowLength) { scratch in
                let rows = scratch.baseAddress!, columns = rows + 6 * rowLength
                rows.initialize(repeating: 0, count: 6 * rowLength)
                let source = x + channel * plane
                forEachTileRow(tiles, g) { image, tileRow, tileColumns, firstSlot in
                    let imagePlane = source + image * g.channels * plane
                    for r in 0..<span {
                        let y = tileRow * tile - 1 + r
                        let row = rows + r * rowLength
                        guard y >= 0 && y < g.height else {
                            row.update(repeating: 0, count: rowLength)
                            continue
                        }
                        // Padded column i = x + 1; columns 0 and past the width stay zero from above.
                        // Thirty-two columns at a time: four loads, split into phases by lane shuffles
                        // (column 4s + q goes to phase q + 1, slot s; q = 3 to phase 0, slot s + 1).
                        let input = imagePlane + y * g.width
                        var column = 0
                        while column &+ 32 <= g.width {
                            let v0 = load8(input + column), v1 = load8(input + (column &+ 8))
                            let v2 = load8(input + (column &+ 16)), v3 = load8(input + (column &+ 24))
                            for q in 0..<4 {
                                let lanes = SIMD8<Float>(v0[q], v0[q &+ 4], v1[q], v1[q &+ 4],
                                                         v2[q], v2[q &+ 4], v3[q], v3[q &+ 4])
                                let i = column &+ q &+ 1
                                store8(lanes, row + ((i & 3) &* phase &+ (i >> 2)))
                            }
                            column &+= 32
                        }
                        while column < g.width {
                            let i = column &+ 1
                            row[(i & 3) &* phase &+ (i >> 2)] = input[column]
                            column &+= 1
                        }
                    }
                    let r0 = rows, r1 = rows + rowLength, r2 = rows + 2 * rowLength
                    let r3 = rows + 3 * rowLength, r4 = rows + 4 * rowLength, r5 = rows + 5 * rowLength
                    // Loops index precomputed row pointers (or use wrapping arithmetic): a checked
                    // `stride + i` in the subscript keeps LLVM from vectorising them.
                    let c0 = columns, c1 = columns + rowLength, c2 = columns + 2 * rowLength
                    let c3 = columns + 3 * rowLength, c4 = columns + 4 * rowLength, c5 = columns + 5 * rowLength
                    for i in 0..<rowLength {
                        let t = inputTransform(r0[i], r1[i], r2[i], r3[i], r4[i], r5[i])
                        c0[i] = t.0
                        c1[i] = t.1
                        c2[i] = t.2
                        c3[i] = t.3
                        c4[i] = t.4
                        c5[i] = t.5
                    }
                    for row in 0..<span {
                        let p0 = columns + row * rowLength, p1 = p0 + phase, p2 = p0 + 2 * phase, p3 = p0 + 3 * phase
                        let o0 = v + row * span * positionStride + channel * count + firstSlot - tileColumns.lowerBound
                        let o1 = o0 + positionStride, o2 = o0 + 2 * positionStride, o3 = o0 + 3 * positionStride
                        let o4 = o0 + 4 * positionStride, o5 = o0 + 5 * positionStride
                        var tx = tileColumns.lowerBound
                        while tx &+ 8 <= tileColumns.upperBound {
                            let t = inputTransform(load8(p0 + tx), load8(p1 + tx), load8(p2 + tx), load8(p3 + tx),
                                                   load8(p0 + (tx &+ 1)), load8(p1 + (tx &+ 1)))
                            store8(t.0, o0 + tx)
                            store8(t.1, o1 + tx)
                            store8(t.2, o2 + tx)
                            store8(t.3, o3 + tx)
                            store8(t.4, o4 + tx)
                            store8(t.5, o5 + tx)
                            tx &+= 8
                        }
                        while tx < tileColumns.upperBound {
                            let t = inputTransform(p0[tx], p1[tx], p2[tx], p3[tx], p0[tx &+ 1], p1[tx &+ 1])
                            o0[tx] = t.0
                            o1[tx] = t.1
                            o2[tx] = t.2
                            o3[tx] = t.3
                            o4[tx] = t.4
                            o5[tx] = t.5
                            tx &+= 1
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func load8(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func store8(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    /// Bᵀ·(d0 … d5) for F(4,3), eight tiles at a time (the same operations, in the same order, as the scalar form).
    @inline(__always)
    static func inputTransform(_ d0: SIMD8<Float>, _ d1: SIMD8<Float>, _ d2: SIMD8<Float>, _ d3: SIMD8<Float>,
                               _ d4: SIMD8<Float>, _ d5: SIMD8<Float>)
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let a = d4 - 4 * d2, b = d3 - 4 * d1
        let c = d4 - d2, e = 2 * (d3 - d1)
        return (4 * d0 - 5 * d2 + d4, a + b, a - b, c + e, c - e, 4 * d1 - 5 * d3 + d5)
    }

    /// Bᵀ·(d0 … d5) for F(4,3).
    @inline(__always)
    static func inputTransform(_ d0: Float, _ d1: Float, _ d2: Float, _ d3: Float, _ d4: Float, _ d5: Float)
        -> (Float, Float, Float, Float, Float, Float) {
        let a = d4 - 4 * d2, b = d3 - 4 * d1
        let c = d4 - d2, e = 2 * (d3 - d1)
        return (4 * d0 - 5 * d2 + d4, a + b, a - b, c + e, c - e, 4 * d1 - 5 * d3 + d5)
    }

    /// Y = Aᵀ·M·A + bias for every tile, cropped to the output plane; a tile row at a time, A across
    /// each tile into four rows of the row's full width, then Aᵀ down them.
    static func transformOutput(_ m: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                bias: UnsafeMutablePointer<Float>?, tiles: Range<Int>, _ g: Geometry) {
        let count = tiles.count
        let plane = g.height * g.width
        let positionStride = g.outChannels * count
        let rowWidth = g.tilesX * tile
        Parallel.forEach(g.outChannels, cost: count * 120) { channel in
            let shift = bias?[channel] ?? 0
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 6 * rowWidth) { scratch in
                let across = scratch.baseAddress!
                forEachTileRow(tiles, g) { image, tileRow, tileColumns, firstSlot in
                    for row in 0..<span {
                        let s0 = m + row * span * positionStride + channel * count + firstSlot - tileColumns.lowerBound
                        let s1 = s0 + positionStride, s2 = s0 + 2 * positionStride, s3 = s0 + 3 * positionStride
                        let s4 = s0 + 4 * positionStride, s5 = s0 + 5 * positionStride
                        let h = across + row * rowWidth
                        for tx in tileColumns {
                            let t = outputTransform(s0[tx], s1[tx], s2[tx], s3[tx], s4[tx], s5[tx])
                            let out = h + (tx &* tile)
                            out[0] = t.0
                            out[1] = t.1
                            out[2] = t.2
                            out[3] = t.3
                        }
                    }
                    let top = tileRow * tile
                    let visibleRows = min(tile, g.height - top)
                    let xs = (tileColumns.lowerBound * tile)..<min(tileColumns.upperBound * tile, g.width)
                    let destination = y + (image * g.outChannels + channel) * plane + top * g.width
                    let h0 = across, h1 = across + rowWidth, h2 = across + 2 * rowWidth
                    let h3 = across + 3 * rowWidth, h4 = across + 4 * rowWidth, h5 = across + 5 * rowWidth
                    if visibleRows == tile {
                        let y0 = destination, y1 = destination + g.width
                        let y2 = destination + 2 * g.width, y3 = destination + 3 * g.width
                        for i in xs {
                            let t = outputTransform(h0[i], h1[i], h2[i], h3[i], h4[i], h5[i])
                            y0[i] = t.0 + shift
                            y1[i] = t.1 + shift
                            y2[i] = t.2 + shift
                            y3[i] = t.3 + shift
                        }
                    } else {
                        // The last tile row of a plane whose height is not a multiple of 4.
                        for i in xs {
                            let t = outputTransform(h0[i], h1[i], h2[i], h3[i], h4[i], h5[i])
                            destination[i] = t.0 + shift
                            if visibleRows > 1 { destination[g.width + i] = t.1 + shift }
                            if visibleRows > 2 { destination[2 * g.width + i] = t.2 + shift }
                        }
                    }
                }
            }
        }
    }

    /// Aᵀ·(m0 … m5) for F(4,3), eight at a time (the same operations, in the same order, as the scalar form).
    @inline(__always)
    static func outputTransform(_ m0: SIMD8<Float>, _ m1: SIMD8<Float>, _ m2: SIMD8<Float>, _ m3: SIMD8<Float>,
                                _ m4: SIMD8<Float>, _ m5: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let sum12 = m1 + m2, difference12 = m1 - m2
        let sum34 = m3 + m4, difference34 = m3 - m4
        return (m0 + sum12 + sum34, difference12 + 2 * difference34, sum12 + 4 * sum34, difference12 + 8 * difference34 + m5)
    }

    /// Aᵀ·(m0 … m5) for F(4,3): four values.
    @inline(__always)
    static func outputTransform(_ m0: Float, _ m1: Float, _ m2: Float, _ m3: Float, _ m4: Float, _ m5: Float)
        -> (Float, Float, Float, Float) {
        let sum12 = m1 + m2, difference12 = m1 - m2
        let sum34 = m3 + m4, difference34 = m3 - m4
        return (m0 + sum12 + sum34, difference12 + 2 * difference34, sum12 + 4 * sum34, difference12 + 8 * difference34 + m5)
    }
}
