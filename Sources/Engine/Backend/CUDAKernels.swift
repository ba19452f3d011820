import Foundation

/// The backend's kernels loaded on the GPU: compiled by NVRTC for the device's architecture, or read
/// from the kernel cache when this source was compiled before for the same architecture and compiler.
struct CUDAKernels {
    let functions: [String: OpaquePointer]
    let origin: CUDAKernelOrigin

    static let options = ["--std=c++14", "-default-device"]

    init(api: CUDALibraries, architecture: String, cache: KernelCache) throws(BackendUnavailable) {
        let start = Date()
        let version = api.compilerVersion()
        let options = Self.options + ["--gpu-architecture=\(architecture)"]
        let key = KernelCache.key(source: CUDAKernelSource.source, architecture: architecture,
                                  compilerVersion: version, options: options)
        var binary = cache.load(key: key, architecture: architecture)
        let compiled = binary == nil
        if binary == nil {
            let fresh = try Self.compile(api: api, options: options)
            // A cache that cannot be written costs a compile next time, nothing more.
            try? cache.store(fresh, key: key, architecture: architecture)
            binary = fresh
        }
        var module: OpaquePointer?
        let loaded = binary!.withUnsafeBytes { api.cuModuleLoadData(&module, $0.baseAddress!) }
        guard loaded == 0 else {
            throw BackendUnavailable(reason: "cannot load the kernels compiled for \(architecture): \(api.describe(loaded))")
        }
        var table: [String: OpaquePointer] = [:]
        for name in CUDAKernelSource.kernelNames {
            var function: OpaquePointer?
            let found = api.cuModuleGetFunction(&function, module, name)
            guard found == 0, let function else {
                throw BackendUnavailable(reason: "kernel \(name) is missing from the compiled module: \(api.describe(found))")
            }
            table[name] = function
        }
        functions = table
        origin = CUDAKernelOrigin(architecture: architecture, compilerVersion: version, compiled: compiled,
                        seconds: Date().timeIntervalSince(start))
    }

    private static func compile(api: CUDALibraries, options: [String]) throws(BackendUnavailable) -> Data {
        var program: OpaquePointer?
        let created = api.nvrtcCreateProgram(&program, CUDAKernelSource.source, "studio_kernels.cu", 0, nil, nil)
        guard created == 0 else { throw BackendUnavailable(reason: "NVRTC cannot create a program: \(nvrtcText(api, created))") }
        defer { _ = api.nvrtcDestroyProgram(&program) }
        let cStrings = options.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var pointers = cStrings.map { UnsafePointer<CChar>($0) }
        let result = pointers.withUnsafeMutableBufferPointer {
            api.nvrtcCompileProgram(program, Int32(options.count), $0.baseAddress)
        }
        guard result == 0 else {
            throw BackendUnavailable(reason: "NVRTC could not compile the kernels (\(nvrtcText(api, result))): \(log(api, program))")
        }
        var size = 0
        guard api.nvrtcGetCUBINSize(program, &size) == 0, size > 0 else {
            throw BackendUnavailable(reason: "NVRTC produced no cubin (a virtual architecture?)")
        }
        var bytes = [CChar](repeating: 0, count: size)
        guard api.nvrtcGetCUBIN(program, &bytes) == 0 else { throw BackendUnavailable(reason: "NVRTC cannot hand out the cubin") }
        return bytes.withUnsafeBytes { Data($0) }
    }

    private static func nvrtcText(_ api: CUDALibraries, _ result: Int32) -> String {
        api.nvrtcGetErrorString(result).map { String(cString: $0) } ?? "NVRTC error \(result)"
    }

    private static func log(_ api: CUDALibraries, _ program: OpaquePointer?) -> String {
        var size = 0
        guard api.nvrtcGetProgramLogSize(program, &size) == 0, size > 1 else { return "no log" }
        var bytes = [CChar](repeating: 0, count: size)
        guard api.nvrtcGetProgramLog(program, &bytes) == 0 else { return "no log" }
        return String(cString: bytes).split(separator: "\n").prefix(6).joined(separator: " | ")
    }
}

/// How the GPU backend's kernels were obtained, for `studio doctor` and the bench.
public struct CUDAKernelOrigin: Sendable, Equatable {
    public let architecture: String
    public let compilerVersion: String
    /// False when the cubin came from the kernel cache.
    public let compiled: Bool
    /// Compiling (or loading) and resolving every kernel.
    public let seconds: Double

    public init(architecture: String, compilerVersion: String, compiled: Bool, seconds: Double) {
        self.architecture = architecture
        self.compilerVersion = compilerVersion
        self.compiled = compiled
        self.seconds = seconds
    }
}

/// A kernel argument as cuLaunchKernel takes it: a pointer to each value.
enum KernelArgument {
    case address(UInt64)
    case int(Int32)
    case long(Int64)
    case float(Float)
    case bytes([UInt8])

    static func int(_ value: Int) -> KernelArgument { .int(Int32(value)) }
    static func long(_ value: Int) -> KernelArgument { .long(Int64(value)) }

    /// Copies the value into fresh memory the launch can point at.
    func materialize() -> UnsafeMutableRawPointer {
        func store<T>(_ value: T) -> UnsafeMutableRawPointer {
            let memory = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: 16)
            memory.storeBytes(of: value, as: T.self)
            return memory
        }
        switch self {
        case .address(let value): return store(value)
        case .int(let value): return store(value)
        case .long(let value): return store(value)
        case .float(let value): return store(value)
        case .bytes(let value):
            let memory = UnsafeMutableRawPointer.allocate(byteCount: max(value.count, 1), alignment: 16)
            value.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: value.count) }
            return memory
        }
    }
}
