import Foundation

/// The engine's operations on an NVIDIA GPU, through the driver API, NVRTC-compiled kernels
/// (CUDAKernelSource) and cuBLAS, all loaded at run time. Weights go to the GPU on first use, once,
/// as fp16; activations stay float32 on the GPU and are converted to fp16 for each GEMM (tensor cores,
/// fp32 accumulation). Everything runs in order on the default stream; the host waits only when it
/// copies a result back.
public final class CUDABackend: Backend, @unchecked Sendable {
    public let name = "cuda"
    public let gpu: CUDADriver.GPU
    public let driverVersion: Int
    public let kernelOrigin: CUDAKernelOrigin

    let api: CUDALibraries
    let memory: CUDAMemory
    private let context: OpaquePointer?
    private let blas: OpaquePointer?
    private let kernels: CUDAKernels
    private let lock = NSLock()
    private var failure: String?
    private var halfWeights: [ObjectIdentifier: (owner: AnyObject, buffer: CUDABuffer)] = [:]
    private var constants: [ObjectIdentifier: (owner: TensorStorage, buffer: CUDABuffer)] = [:]
    /// With STUDIO_CUDA_PROFILE set, every kernel and GEMM is waited for and timed by name (slower; for
    /// finding where a step's time goes).
    private let profiling = ProcessInfo.processInfo.environment["STUDIO_CUDA_PROFILE"] != nil
    private var profile: [String: (calls: Int, seconds: Double)] = [:]

    /// Opens GPU `device`, compiles (or loads from `cache`) the kernels; throws why the GPU cannot be used.
    public convenience init(device: Int = 0, cache: KernelCache = KernelCache(folder: KernelCache.defaultFolder())) throws(BackendUnavailable) {
        try self.init(device: device, cache: cache, driverSonames: CUDALibraries.driverSonames,
                      nvrtcSonames: CUDALibraries.nvrtcSonames, cublasSonames: CUDALibraries.cublasSonames)
    }

    /// The same with the libraries looked for under other names (tests).
    init(device: Int, cache: KernelCache, driverSonames: [String], nvrtcSonames: [String],
         cublasSonames: [String]) throws(BackendUnavailable) {
        guard case .available(let gpus, let version) = CUDADriver.probe(sonames: driverSonames) else {
            if case .unavailable(let why) = CUDADriver.probe(sonames: driverSonames) { throw why }
            throw BackendUnavailable(reason: "no CUDA driver")
        }
        guard device >= 0, device < gpus.count else {
            throw BackendUnavailable(reason: "GPU \(device) does not exist (the driver reports \(gpus.count))")
        }
        let api = try CUDALibraries(driverSonames: driverSonames, nvrtcSonames: nvrtcSonames, cublasSonames: cublasSonames)
        func require(_ result: Int32, _ call: String) throws(BackendUnavailable) {
            guard result == 0 else { throw BackendUnavailable(reason: "\(call) failed: \(api.describe(result))") }
        }
        try require(api.cuInit(0), "cuInit")
        var handle: Int32 = 0
        try require(api.cuDeviceGet(&handle, Int32(device)), "cuDeviceGet")
        var context: OpaquePointer?
        try require(api.cuDevicePrimaryCtxRetain(&context, handle), "cuDevicePrimaryCtxRetain")
        try require(api.cuCtxSetCurrent(context), "cuCtxSetCurrent")
        var blas: OpaquePointer?
        let created = api.cublasCreate(&blas)
        guard created == 0 else { throw BackendUnavailable(reason: "cuBLAS cannot start (status \(created))") }
        kernels = try CUDAKernels(api: api, architecture: gpus[device].architecture, cache: cache)
        self.api = api
        self.context = context
        self.blas = blas
        self.gpu = gpus[device]
        self.driverVersion = version
        self.kernelOrigin = kernels.origin
        self.memory = CUDAMemory(api: api)
    }

    private static let sharedLock = NSLock()
    nonisolated(unsafe) private static var sharedResult: Result<CUDABackend, BackendUnavailable>?

    /// One backend for GPU 0 per process (the kernels compile, and weights upload, once).
    public static func shared() throws(BackendUnavailable) -> CUDABackend {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if sharedResult == nil {
            do throws(BackendUnavailable) { sharedResult = .success(try CUDABackend()) } catch { sharedResult = .failure(error) }
        }
        return try sharedResult!.get()
    }

    /// The most GPU memory the backend's pool has held at once (weights, activations, scratch).
    public var peakMemoryBytes: Int { memory.peakHeldBytes }

    /// Returns idle pooled blocks to the driver (between generations).
    public func releaseIdleMemory() { memory.releaseIdle() }

    /// Time per kernel and GEMM kind since the last reset, longest first (empty unless profiling).
    public func profileReport() -> String {
        lock.lock()
        defer { lock.unlock() }
        let total = profile.values.reduce(0) { $0 + $1.seconds }
        return profile.sorted { $0.value.seconds > $1.value.seconds }.map { name, entry in
            String(format: "%-22@ %7d calls %9.4f s %5.1f%%", name as NSString, entry.calls, entry.seconds,
                   100 * entry.seconds / max(total, 1e-9))
        }.joined(separator: "\n")
    }

    public func resetProfile() {
        lock.lock()
        profile.removeAll()
        lock.unlock()
    }

    /// Runs `body`; when profiling, waits for the GPU around it and adds its time under `name`.
    private func measured(_ name: String, _ body: () -> Void) {
        guard profiling else { return body() }
        _ = api.cuCtxSynchronize()
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        _ = api.cuCtxSynchronize()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lock.lock()
        let entry = profile[name] ?? (0, 0)
        profile[name] = (entry.calls + 1, entry.seconds + seconds)
        lock.unlock()
    }

    // MARK: Plumbing

    private var failed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failure != nil
    }

    private func record(_ message: String) {
        lock.lock()
        if failure == nil { failure = message }
        lock.unlock()
    }

    private func check(_ result: Int32, _ what: String) {
        if result != 0 { record("\(what) failed on the GPU: \(api.describe(result))") }
    }

    /// Driver calls act on the calling thread's context; the studio calls from its engine thread.
    private func enter() { _ = api.cuCtxSetCurrent(context) }

    private func buffer(bytes: Int, floats: Int) -> CUDABuffer {
        if !failed, let block = memory.allocate(bytes: bytes) {
            return CUDABuffer(owner: self, address: block.address, bytes: block.bytes, count: floats)
        }
        record("the GPU is out of memory (\(ByteCountText.format(bytes)) asked, \(ByteCountText.format(memory.heldBytes)) held)")
        return CUDABuffer(owner: self, address: 0, bytes: 0, count: floats)
    }

    private func empty(_ shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, device: buffer(bytes: count * 4, floats: count))
    }

    private func address(_ tensor: Tensor) -> UInt64 {
        guard let buffer = tensor.deviceStorage as? CUDABuffer, buffer.owner === self else {
            preconditionFailure("tensor \(tensor.shape) is not on this GPU backend")
        }
        return buffer.address
    }

    /// A grid-stride launch over `count` elements.
    private func launch(_ kernel: String, count: Int, block: Int = 256, _ arguments: [KernelArgument]) {
        guard count > 0 else { return }
        precondition(count < 1 << 31, "kernel \(kernel) over \(count) elements (the kernels index in 32 bits)")
        launch(kernel, grid: min((count + block - 1) / block, 1 << 16), block: block, arguments)
    }

    private func launch(_ kernel: String, grid: Int, block: Int, shared: Int = 0, _ arguments: [KernelArgument]) {
        guard grid > 0, !failed else { return }
        let values = arguments.map { $0.materialize() }
        defer { values.forEach { $0.deallocate() } }
        var pointers: [UnsafeMutableRawPointer?] = values
        var result: Int32 = 0
        measured(kernel) {
            result = pointers.withUnsafeMutableBufferPointer {
                api.cuLaunchKernel(kernels.functions[kernel], UInt32(grid), 1, 1, UInt32(block), 1, 1, UInt32(shared), nil,
                                  $0.baseAddress, nil)
            }
        }
        check(result, "kernel \(kernel)")
    }

    /// Row-major C = alpha·op(A)·op(B) + beta·C over `batch` strided matrices; A and B fp16, C float32.
    /// cuBLAS is column-major, so it computes Cᵀ = op(B)ᵀ·op(A)ᵀ from the same memory.
    private func gemm(_ label: String, transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
                      a: UInt64, lda: Int, strideA: Int = 0, b: UInt64, ldb: Int, strideB: Int = 0,
                      beta: Float = 0, c: UInt64, ldc: Int, strideC: Int = 0, batch: Int = 1) {
        guard m > 0, n > 0, k > 0, batch > 0, !failed else { return }
        var alpha = alpha, beta = beta
        let half: Int32 = 2, single: Int32 = 0, compute32F: Int32 = 68, defaultAlgorithm: Int32 = -1
        var status: Int32 = 0
        measured("gemm " + label) {
            status = api.cublasGemmStridedBatchedEx(
                blas, transposeB ? 1 : 0, transposeA ? 1 : 0, Int32(n), Int32(m), Int32(k),
                &alpha, UnsafeRawPointer(bitPattern: UInt(b)), half, Int32(ldb), Int64(strideB),
                UnsafeRawPointer(bitPattern: UInt(a)), half, Int32(lda), Int64(strideA),
                &beta, UnsafeMutableRawPointer(bitPattern: UInt(c)), single, Int32(ldc), Int64(strideC),
                Int32(batch), compute32F, defaultAlgorithm)
        }
        if status != 0 { record("cuBLAS GEMM \(m)×\(n)×\(k) (batch \(batch)) failed with status \(status)") }
    }

    /// An fp16 copy of a float32 tensor for a GEMM.
    private func halfCopy(_ x: Tensor) -> CUDABuffer {
        let copy = buffer(bytes: x.count * 2, floats: (x.count + 1) / 2)
        launch("to_half", count: x.count, [.address(address(x)), .address(copy.address), .long(x.count)])
        return copy
    }

    /// A weight's fp16 copy on the GPU, made on first use.
    private func halfWeight(_ parameter: Parameter, kernel: String = "to_half") -> CUDABuffer {
        lock.lock()
        let cached = halfWeights[parameter.identity]
        lock.unlock()
        if let cached { return cached.buffer }
        let count = parameter.count
        let converted = buffer(bytes: count * 2, floats: (count + 1) / 2)
        parameter.withTensor { host in
            let staging = upload(host)
            if kernel == "split_taps_half" {
                launch(kernel, count: count / 3, [.address(address(staging)), .address(converted.address), .long(count / 3)])
            } else {
                launch(kernel, count: count, [.address(address(staging)), .address(converted.address), .long(count)])
            }
        }
        lock.lock()
        halfWeights[parameter.identity] = (parameter.identityOwner, converted)
        lock.unlock()
        return converted
    }

    /// The GPU copy of a small float32 model tensor (bias, norm weights), uploaded on first use.
    private func constant(_ tensor: Tensor) -> UInt64 {
        if !tensor.isOnHost { return address(tensor) }
        let key = ObjectIdentifier(tensor.storage)
        lock.lock()
        let cached = constants[key]
        lock.unlock()
        if let cached { return cached.buffer.address }
        let uploaded = upload(tensor)
        lock.lock()
        constants[key] = (tensor.storage, uploaded.deviceStorage as! CUDABuffer)
        lock.unlock()
        return address(uploaded)
    }

    // MARK: Backend

    public func upload(_ tensor: Tensor) -> Tensor {
        enter()
        let result = empty(tensor.shape)
        if !failed, tensor.count > 0 {
            check(api.cuMemcpyHtoD(address(result), UnsafeRawPointer(tensor.pointer), tensor.count * 4), "copy to the GPU")
        }
        return result
    }

    public func download(_ tensor: Tensor) -> Tensor {
        enter()
        let result = Tensor(zeros: tensor.shape)
        if !failed, tensor.count > 0 {
            check(api.cuMemcpyDtoH(UnsafeMutableRawPointer(result.pointer), address(tensor), tensor.count * 4), "copy from the GPU")
        }
        return result
    }

    public func synchronize() throws {
        enter()
        check(api.cuCtxSynchronize(), "synchronize")
        lock.lock()
        let reason = failure
        failure = nil
        lock.unlock()
        if let reason { throw BackendFailure(reason: reason) }
    }

    public func conv2d(_ x: Tensor, weight: Parameter, bias: Tensor?, stride: Int, padding: Padding2D) -> Tensor {
        enter()
        precondition(x.rank == 4 && weight.shape.count == 4 && weight.shape[1] == x.shape[1],
                     "conv2d: input \(x.shape) does not match weight \(weight.shape)")
        let (images, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (outChannels, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        let outHeight = (height + padding.top + padding.bottom - kh) / stride + 1
        let outWidth = (width + padding.left + padding.right - kw) / stride + 1
        let plane = outHeight * outWidth, patch = channels * kh * kw
        let result = empty([images, outChannels, outHeight, outWidth])
        let w = halfWeight(weight)
        let pointwise = kh == 1 && kw == 1 && stride == 1
            && padding.top == 0 && padding.bottom == 0 && padding.left == 0 && padding.right == 0
        // Small planes (the UNet's lower levels) make thin per-image GEMMs: there every image of a chunk
        // goes through one GEMM, whose [O][image][plane] product is then rearranged with the bias.
        let merged = plane < 1024 && images > 1
        // Patches for a few images at a time bound the scratch to 512 MB of fp16.
        let perChunk = max(1, min(images, (256 << 20) / max(1, patch * plane)))
        let columns = buffer(bytes: perChunk * patch * plane * 2, floats: perChunk * patch * plane / 2 + 1)
        let product = merged ? buffer(bytes: perChunk * outChannels * plane * 4, floats: perChunk * outChannels * plane) : nil
        var first = 0
        while first < images {
            let chunk = min(perChunk, images - first)
            let input = address(x) + UInt64(first * channels * height * width * 4)
            if pointwise && !merged {
                launch("to_half", count: chunk * patch * plane, [.address(input), .address(columns.address), .long(chunk * patch * plane)])
            } else {
                launch("im2col_half", count: chunk * patch * plane, [
                    .address(input), .address(columns.address), .int(chunk), .int(channels), .int(height), .int(width),
                    .int(kh), .int(kw), .int(stride), .int(padding.top), .int(padding.left), .int(outHeight), .int(outWidth),
                    .int(merged ? 1 : 0),
                ])
            }
            let output = address(result) + UInt64(first * outChannels * plane * 4)
            if let product {
                gemm("conv", m: outChannels, n: chunk * plane, k: patch, a: w.address, lda: patch,
                     b: columns.address, ldb: chunk * plane, c: product.address, ldc: chunk * plane)
                launch("unmerge", count: chunk * outChannels * plane, [
                    .address(product.address), .address(output), .address(bias.map(constant) ?? 0), .int(bias == nil ? 0 : 1),
                    .int(outChannels), .int(chunk), .long(plane),
                ])
                first += chunk
                continue
            }
            gemm("conv", m: outChannels, n: plane, k: patch, a: w.address, lda: patch,
                 b: columns.address, ldb: plane, strideB: patch * plane,
                 c: output, ldc: plane, strideC: outChannels * plane,
                 batch: chunk)
            first += chunk
        }
        if let bias, !merged {
            launch("add_broadcast", count: result.count, [
                .address(address(result)), .address(constant(bias)), .long(result.count), .long(plane), .long(outChannels),
            ])
        }
        return result
    }

    public func temporalConv(_ x: Tensor, kernel: Parameter, bias: Tensor) -> Tensor {
        enter()
        precondition(x.rank == 4 && kernel.shape.count == 5 && kernel.shape[1] == x.shape[1], "temporalConv: \(x.shape), \(kernel.shape)")
        let (batch, channels, frames, spatial) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outChannels = kernel.shape[0]
        let taps = halfWeight(kernel, kernel: "split_taps_half")
        let tapBytes = UInt64(outChannels * channels * 2)
        let input = halfCopy(x)
        let row = frames * spatial
        let result = empty([batch, outChannels, frames, spatial])
        let out = address(result)
        launch("fill_broadcast", count: result.count, [
            .address(out), .address(constant(bias)), .long(result.count), .long(row), .long(outChannels),
        ])
        gemm("temporal conv", m: outChannels, n: row, k: channels, a: taps.address + tapBytes, lda: channels,
             b: input.address, ldb: row, strideB: channels * row, beta: 1, c: out, ldc: row, strideC: outChannels * row, batch: batch)
        if frames > 1 {
            let shifted = (frames - 1) * spatial
            // Previous frame: output frames 1..F−1 read input frames 0..F−2.
            gemm("temporal conv", m: outChannels, n: shifted, k: channels, a: taps.address, lda: channels,
                 b: input.address, ldb: row, strideB: channels * row, beta: 1,
                 c: out + UInt64(spatial * 4), ldc: row, strideC: outChannels * row, batch: batch)
            // Next frame: output frames 0..F−2 read input frames 1..F−1.
            gemm("temporal conv", m: outChannels, n: shifted, k: channels, a: taps.address + 2 * tapBytes, lda: channels,
                 b: input.address + UInt64(spatial * 2), ldb: row, strideB: channels * row, beta: 1,
                 c: out, ldc: row, strideC: outChannels * row, batch: batch)
        }
        return result
    }

    public func linear(_ x: Tensor, weight: Parameter, bias: Tensor?) -> Tensor {
        enter()
        let inFeatures = x.shape[x.rank - 1]
        precondition(weight.shape.count == 2 && weight.shape[1] == inFeatures, "linear: input \(x.shape) does not match weight \(weight.shape)")
        let outFeatures = weight.shape[0], rows = x.count / inFeatures
        let result = empty(Array(x.shape.dropLast()) + [outFeatures])
        let input = halfCopy(x)
        gemm("linear", transposeB: true, m: rows, n: outFeatures, k: inFeatures, a: input.address, lda: inFeatures,
             b: halfWeight(weight).address, ldb: inFeatures, c: address(result), ldc: outFeatures)
        if let bias {
            launch("add_broadcast", count: result.count, [
                .address(address(result)), .address(constant(bias)), .long(result.count), .long(1), .long(outFeatures),
            ])
        }
        return result
    }

    public func groupNorm(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor, eps: Float, silu: Bool) -> Tensor {
        enter()
        let (items, channels) = (x.shape[0], x.shape[1])
        precondition(channels % groups == 0 && weight.count == channels && bias.count == channels, "groupNorm: \(x.shape), \(groups) groups")
        let result = empty(x.shape)
        launch("group_norm", grid: items * groups, block: 512, [
            .address(address(x)), .address(address(result)), .address(constant(weight)), .address(constant(bias)),
            .int(channels), .int(groups), .long(x.count / (items * channels)), .float(eps), .int(silu ? 1 : 0),
        ])
        return result
    }

    public func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, eps: Float) -> Tensor {
        enter()
        let width = x.shape[x.rank - 1]
        let result = empty(x.shape)
        launch("layer_norm", grid: x.count / width, block: 256, [
            .address(address(x)), .address(address(result)), .address(constant(weight)), .address(constant(bias)),
            .int(width), .float(eps),
        ])
        return result
    }

    public func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int, scale: Float?, causal: Bool) -> Tensor {
        enter()
        let (batch, queries, width) = (query.shape[0], query.shape[1], query.shape[2])
        let keys = key.shape[1]
        precondition(key.shape == [batch, keys, width] && value.shape == key.shape && width % heads == 0,
                     "attention: q \(query.shape), k \(key.shape), v \(value.shape), \(heads) heads")
        let headDim = width / heads
        let factor = scale ?? 1 / Float(headDim).squareRoot()
        if queries <= 32 && keys <= 32 && headDim <= 64 {
            let result = empty(query.shape)
            let floats = (queries + 2 * keys) * (headDim + 1) + queries * keys
            launch("small_attention", grid: batch * heads, block: 128, shared: floats * 4, [
                .address(address(query)), .address(address(key)), .address(address(value)), .address(address(result)),
                .int(queries), .int(keys), .int(width), .int(heads), .int(headDim), .float(factor), .int(causal ? 1 : 0),
            ])
            return result
        }
        let q = halfCopy(query), k = halfCopy(key), v = halfCopy(value)
        let result = empty(query.shape)
        // Scores for a bounded number of sequences at a time (64 M floats).
        let perChunk = max(1, min(batch, (64 << 20) / max(1, queries * keys)))
        let scores = buffer(bytes: perChunk * queries * keys * 4, floats: perChunk * queries * keys)
        let probabilities = buffer(bytes: perChunk * queries * keys * 2, floats: perChunk * queries * keys / 2 + 1)
        var first = 0
        while first < batch {
            let chunk = min(perChunk, batch - first)
            for h in 0..<heads {
                let queryOffset = UInt64((first * queries * width + h * headDim) * 2)
                let keyOffset = UInt64((first * keys * width + h * headDim) * 2)
                gemm("attention", transposeB: true, m: queries, n: keys, k: headDim, alpha: factor,
                     a: q.address + queryOffset, lda: width, strideA: queries * width,
                     b: k.address + keyOffset, ldb: width, strideB: keys * width,
                     c: scores.address, ldc: keys, strideC: queries * keys, batch: chunk)
                let rows = chunk * queries
                launch("softmax_half", grid: (rows * 32 + 255) / 256, block: 256, [
                    .address(scores.address), .address(probabilities.address), .long(rows), .int(keys), .int(queries),
                    .int(causal ? 1 : 0),
                ])
                gemm("attention", m: queries, n: headDim, k: keys, a: probabilities.address, lda: keys, strideA: queries * keys,
                     b: v.address + keyOffset, ldb: width, strideB: keys * width,
                     c: address(result) + UInt64((first * queries * width + h * headDim) * 4), ldc: width,
                     strideC: queries * width, batch: chunk)
            }
            first += chunk
        }
        return result
    }

    private func unary(_ kernel: String, _ x: Tensor, shape: [Int]? = nil, _ extra: [KernelArgument] = []) -> Tensor {
        enter()
        let result = empty(shape ?? x.shape)
        launch(kernel, count: result.count, [.address(address(x)), .address(address(result)), .long(result.count)] + extra)
        return result
    }

    public func activation(_ x: Tensor, _ function: Activation) -> Tensor {
        let kind: Int
        switch function {
        case .silu: kind = 0
        case .gelu: kind = 1
        case .quickGELU: kind = 2
        }
        return unary("activation", x, [.int(kind)])
    }

    public func geglu(_ x: Tensor) -> Tensor {
        enter()
        let width = x.shape[x.rank - 1]
        precondition(width % 2 == 0, "geglu: odd width \(width)")
        let result = empty(Array(x.shape.dropLast()) + [width / 2])
        launch("geglu", count: result.count, [.address(address(x)), .address(address(result)), .long(x.count / width), .int(width / 2)])
        return result
    }

    public func add(_ a: Tensor, _ b: Tensor) -> Tensor {
        enter()
        precondition(a.count == b.count, "add: \(a.shape) + \(b.shape)")
        let result = empty(a.shape)
        launch("add", count: a.count, [.address(address(a)), .address(address(b)), .address(address(result)), .long(a.count)])
        return result
    }

    public func addInPlace(_ target: Tensor, _ other: Tensor) {
        enter()
        precondition(target.count == other.count, "addInPlace: \(target.shape) + \(other.shape)")
        launch("add_in_place", count: target.count, [.address(address(target)), .address(address(other)), .long(target.count)])
    }

    public func addPerChannelInPlace(_ target: Tensor, _ values: Tensor) {
        enter()
        let pairs = target.shape[0] * target.shape[1]
        precondition(values.count == pairs, "addInPlace(perChannel:) \(values.shape) for \(target.shape)")
        launch("add_broadcast", count: target.count, [
            .address(address(target)), .address(address(values)), .long(target.count), .long(target.count / pairs), .long(pairs),
        ])
    }

    public func scaled(_ x: Tensor, by factor: Float) -> Tensor { unary("scale", x, [.float(factor)]) }

    public func permuted(_ x: Tensor, _ axes: [Int]) -> Tensor {
        enter()
        precondition(axes.sorted() == Array(0..<x.rank) && x.rank <= 6, "permute: \(axes) for rank \(x.rank)")
        var inputStrides = [Int](repeating: 1, count: x.rank)
        for i in stride(from: x.rank - 2, through: 0, by: -1) { inputStrides[i] = inputStrides[i + 1] * x.shape[i + 1] }
        let outShape = axes.map { x.shape[$0] }
        // struct Layout { int rank; int dims[6]; long long strides[6]; }: 4 + 24 bytes, 4 of padding, 48.
        var layout = [UInt8](repeating: 0, count: 80)
        func put<T>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value) { for (i, byte) in $0.enumerated() { layout[offset + i] = byte } }
        }
        put(Int32(x.rank), at: 0)
        for (i, axis) in axes.enumerated() {
            put(Int32(outShape[i]), at: 4 + 4 * i)
            put(Int64(inputStrides[axis]), at: 32 + 8 * i)
        }
        let result = empty(outShape)
        launch("permute", count: x.count, [.address(address(x)), .address(address(result)), .long(x.count), .bytes(layout)])
        return result
    }

    private func copyRows(from source: UInt64, to destination: UInt64, rows: Int, width: Int, sourceStride: Int, destinationStride: Int) {
        launch("copy_rows", count: rows * width, [
            .address(source), .address(destination), .long(rows), .long(width), .long(sourceStride), .long(destinationStride),
        ])
    }

    public func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        enter()
        precondition(axis == 0 || axis == 1, "concat along axis \(axis)")
        var outShape = parts[0].shape
        outShape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
        let result = empty(outShape)
        let outer = axis == 0 ? 1 : outShape[0]
        let inner = result.count / (outer * outShape[axis])
        var offset = 0
        for part in parts {
            precondition(part.count / (outer * part.shape[axis]) == inner, "concat: \(parts.map(\.shape)) along axis \(axis)")
            let width = part.shape[axis] * inner
            copyRows(from: address(part), to: address(result) + UInt64(offset * 4), rows: outer, width: width,
                     sourceStride: width, destinationStride: outShape[axis] * inner)
            offset += width
        }
        return result
    }

    public func slice(_ x: Tensor, axis: Int, range: Range<Int>) -> Tensor {
        enter()
        precondition((axis == 0 || axis == 1) && range.lowerBound >= 0 && range.upperBound <= x.shape[axis],
                     "slice \(range) of axis \(axis) in \(x.shape)")
        var outShape = x.shape
        outShape[axis] = range.count
        let result = empty(outShape)
        let outer = axis == 0 ? 1 : x.shape[0]
        let inner = x.count / (outer * x.shape[axis])
        copyRows(from: address(x) + UInt64(range.lowerBound * inner * 4), to: address(result), rows: outer,
                 width: range.count * inner, sourceStride: x.shape[axis] * inner, destinationStride: range.count * inner)
        return result
    }

    public func repeatItems(_ x: Tensor, times: Int) -> Tensor {
        enter()
        let result = empty([x.shape[0] * times] + Array(x.shape.dropFirst()))
        launch("repeat_items", count: result.count, [
            .address(address(x)), .address(address(result)), .long(x.count / x.shape[0]), .int(times), .long(result.count),
        ])
        return result
    }

    public func upsampleNearest(_ x: Tensor, height: Int, width: Int) -> Tensor {
        enter()
        let (items, channels, inHeight, inWidth) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let result = empty([items, channels, height, width])
        launch("upsample_nearest", count: result.count, [
            .address(address(x)), .address(address(result)), .long(items * channels), .int(inHeight), .int(inWidth),
            .int(height), .int(width), .float(Float(inHeight) / Float(height)), .float(Float(inWidth) / Float(width)),
        ])
        return result
    }

    public func guidance(_ prediction: Tensor, scale: Float) -> Tensor {
        enter()
        let result = empty([1] + Array(prediction.shape.dropFirst()))
        launch("guidance", count: result.count, [
            .address(address(prediction)), .address(address(result)), .long(result.count), .float(scale),
        ])
        return result
    }

    public func unitPixels(_ x: Tensor) -> Tensor { unary("unit_pixels", x) }
}
