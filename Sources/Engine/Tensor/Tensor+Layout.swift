/// Axis permutations, concatenation, slicing and nearest-neighbour upsampling of host tensors.
extension Tensor {
    /// A contiguous copy with axes reordered: result axis i is input axis `axes[i]`.
    func cpuPermuted(_ axes: [Int]) -> Tensor {
        let profile = OpProfile.start("layout")
        defer { profile.stop() }
        precondition(axes.sorted() == Array(0..<rank), "permute: \(axes) for rank \(rank)")
        let outShape = axes.map { shape[$0] }
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
        let strides = axes.map { inStrides[$0] }
        let innerStride = strides.last ?? 1
        if innerStride != 1 && count > 0 {
            return cpuPermutedByTiles(axes, outShape: outShape, inputStrides: strides)
        }
        let result = Tensor(uninitialized: outShape)
        let inner = outShape.last ?? 1
        let outerCount = count / max(inner, 1)
        let outerShape = Array(outShape.dropLast()), outerStrides = Array(strides.dropLast())
        let src = pointer, dst = result.pointer
        Parallel.forRanges(outerCount, cost: inner) { range in
            var index = [Int](repeating: 0, count: outerShape.count)
            var rem = range.lowerBound
            for d in stride(from: outerShape.count - 1, through: 0, by: -1) {
                index[d] = rem % outerShape[d]
                rem /= outerShape[d]
            }
            for outer in range {
                var offset = 0
                for d in 0..<outerShape.count { offset += index[d] * outerStrides[d] }
                let out = dst + outer * inner
                if innerStride == 1 {
                    out.update(from: src + offset, count: inner)
                } else {
                    for i in 0..<inner { out[i] = src[offset + i * innerStride] }
                }
                var d = outerShape.count - 1
                while d >= 0 {
                    index[d] += 1
                    if index[d] < outerShape[d] { break }
                    index[d] = 0
                    d -= 1
                }
            }
        }
        return result
    }

    /// cpuPermuted where the output's last axis is not the input's contiguous one (the temporal layers'
    /// [B, C, F, S] ↔ [B, S, F, C], the spatial transformer's [N, C, S] ↔ [N, S, C]): a transpose between
    /// output axis `j` (fed by the input's last axis, stride 1) and the output's last axis, for every
    /// index of the other axes, done in 16 × 16 tiles. Copying one output row at a time read each input
    /// value from a different cache line, and a line held 16 useful values that were gone again by the
    /// time the next row needed them; a tile reads 16 lines and writes 16 rows, all in L1.
    func cpuPermutedByTiles(_ axes: [Int], outShape: [Int], inputStrides: [Int]) -> Tensor {
        let last = rank - 1
        let j = axes.firstIndex(of: last)!
        var outStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { outStrides[i] = outStrides[i + 1] * outShape[i + 1] }
        let rows = outShape[j], columns = outShape[last]
        let rowOutStride = outStrides[j], columnInStride = inputStrides[last]
        let others = (0..<rank).filter { $0 != j && $0 != last }
        let otherShape = others.map { outShape[$0] }
        let otherIn = others.map { inputStrides[$0] }, otherOut = others.map { outStrides[$0] }
        let tile = 16
        let rowBlocks = (rows + tile - 1) / tile
        let result = Tensor(uninitialized: outShape)
        let src = pointer, dst = result.pointer
        Parallel.forEach(otherShape.reduce(1, *) * rowBlocks, cost: tile * columns) { job in
            let firstRow = (job % rowBlocks) * tile, rowCount = min(tile, rows - firstRow)
            var rest = job / rowBlocks
            var inBase = firstRow, outBase = firstRow * rowOutStride
            for d in stride(from: others.count - 1, through: 0, by: -1) {
                let index = rest % otherShape[d]
                rest /= otherShape[d]
                inBase += index * otherIn[d]
                outBase += index * otherOut[d]
            }
            var firstColumn = 0
            while firstColumn < columns {
                let columnCount = min(tile, columns - firstColumn)
                for r in 0..<rowCount {
                    let out = dst + (outBase &+ r &* rowOutStride &+ firstColumn)
                    let input = src + (inBase &+ r &+ firstColumn &* columnInStride)
                    for c in 0..<columnCount { out[c] = input[c &* columnInStride] }
                }
                firstColumn &+= tile
            }
        }
        return result
    }

    /// Concatenation along axis 1 of tensors laid out [N, C_i, rest...] (skip connections).
    static func cpuConcatChannels(_ parts: [Tensor]) -> Tensor {
        let profile = OpProfile.start("layout")
        defer { profile.stop() }
        let items = parts[0].shape[0]
        let inner = parts[0].count / (items * parts[0].shape[1])
        precondition(parts.allSatisfy { $0.shape[0] == items && $0.count / (items * $0.shape[1]) == inner },
                     "concatChannels: \(parts.map(\.shape))")
        let channels = parts.map { $0.shape[1] }.reduce(0, +)
        var outShape = parts[0].shape
        outShape[1] = channels
        let result = Tensor(uninitialized: outShape)
        for n in 0..<items {
            var dst = result.pointer + n * channels * inner
            for part in parts {
                let size = part.shape[1] * inner
                dst.update(from: part.pointer + n * size, count: size)
                dst += size
            }
        }
        return result
    }

    /// Nearest-neighbour resize of [N, C, H, W] to (height, width), as torch's `interpolate(mode="nearest")`.
    func cpuUpsampleNearest(height outHeight: Int, width outWidth: Int) -> Tensor {
        let profile = OpProfile.start("layout")
        defer { profile.stop() }
        let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        let result = Tensor(uninitialized: [shape[0], shape[1], outHeight, outWidth])
        let scaleY = Float(height) / Float(outHeight), scaleX = Float(width) / Float(outWidth)
        let columns = (0..<outWidth).map { min(Int(Float($0) * scaleX), width - 1) }
        let src = pointer, dst = result.pointer
        Parallel.forEach(planes, cost: outHeight * outWidth) { p in
            for y in 0..<outHeight {
                let sy = min(Int(Float(y) * scaleY), height - 1)
                let srcRow = src + (p * height + sy) * width
                let dstRow = dst + (p * outHeight + y) * outWidth
                for x in 0..<outWidth { dstRow[x] = srcRow[columns[x]] }
            }
        }
        return result
    }

    /// Concatenation along axis 0.
    static func cpuConcatBatch(_ parts: [Tensor]) -> Tensor {
        let rest = Array(parts[0].shape.dropFirst())
        precondition(parts.allSatisfy { Array($0.shape.dropFirst()) == rest }, "concatBatch: \(parts.map(\.shape))")
        let result = Tensor(uninitialized: [parts.map { $0.shape[0] }.reduce(0, +)] + rest)
        var dst = result.pointer
        for part in parts {
            dst.update(from: part.pointer, count: part.count)
            dst += part.count
        }
        return result
    }

    /// Elements `range` of axis 0 or 1 as a contiguous tensor.
    func cpuSlice(axis: Int, range: Range<Int>) -> Tensor {
        precondition(axis == 0 || axis == 1, "slice along axis \(axis)")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "slice \(range) of axis \(axis) in \(shape)")
        var outShape = shape
        outShape[axis] = range.count
        let result = Tensor(uninitialized: outShape)
        let outer = axis == 0 ? 1 : shape[0]
        let inner = count / (outer * shape[axis])
        for n in 0..<outer {
            (result.pointer + n * range.count * inner)
                .update(from: pointer + (n * shape[axis] + range.lowerBound) * inner, count: range.count * inner)
        }
        return result
    }

    /// [B, ...] → [B·times, ...], each item repeated `times` times in a row (repeat_interleave).
    func cpuRepeatItems(_ times: Int) -> Tensor {
        let (batch, perItem) = (shape[0], count / shape[0])
        let result = Tensor(uninitialized: [batch * times] + Array(shape.dropFirst()))
        for b in 0..<batch {
            for t in 0..<times {
                (result.pointer + (b * times + t) * perItem).update(from: pointer + b * perItem, count: perItem)
            }
        }
        return result
    }
}
