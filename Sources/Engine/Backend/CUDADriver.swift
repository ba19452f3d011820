/// Asks the NVIDIA driver, loaded at run time, which GPUs there are; says why not when there are none.
public enum CUDADriver {
    public struct GPU: Equatable, Sendable {
        public let index: Int
        public let name: String
        public let computeCapability: (major: Int, minor: Int)
        public let totalMemoryBytes: UInt64

        public init(index: Int, name: String, computeCapability: (major: Int, minor: Int), totalMemoryBytes: UInt64) {
            self.index = index
            self.name = name
            self.computeCapability = computeCapability
            self.totalMemoryBytes = totalMemoryBytes
        }

        /// The NVRTC target for this GPU, e.g. `sm_90` (also the kernel cache's folder).
        public var architecture: String { "sm_\(computeCapability.major)\(computeCapability.minor)" }

        public static func == (a: GPU, b: GPU) -> Bool {
            a.index == b.index && a.name == b.name && a.computeCapability == b.computeCapability
                && a.totalMemoryBytes == b.totalMemoryBytes
        }
    }

    public enum Availability: Equatable, Sendable {
        /// `driverVersion` as CUDA encodes it: 12040 is 12.4.
        case available(gpus: [GPU], driverVersion: Int)
        case unavailable(BackendUnavailable)
    }

    /// The sonames tried, most specific first.
    public static let librarySonames = ["libcuda.so.1", "libcuda.so"]

    public static func probe(sonames: [String] = librarySonames) -> Availability {
        do throws(BackendUnavailable) {
            let driver = try DriverAPI(library: DynamicLibrary(candidates: sonames))
            try driver.check(driver.cuInit(0), "cuInit")
            var version: Int32 = 0
            try driver.check(driver.cuDriverGetVersion(&version), "cuDriverGetVersion")
            var count: Int32 = 0
            try driver.check(driver.cuDeviceGetCount(&count), "cuDeviceGetCount")
            guard count > 0 else { throw BackendUnavailable(reason: "the NVIDIA driver reports no GPU") }
            var gpus: [GPU] = []
            for index in 0..<Int(count) { gpus.append(try driver.gpu(at: index)) }
            return .available(gpus: gpus, driverVersion: Int(version))
        } catch {
            return .unavailable(error)
        }
    }

    /// `12040` → `"12.4"`.
    public static func versionText(_ encoded: Int) -> String { "\(encoded / 1000).\(encoded % 1000 / 10)" }
}

/// The few driver API functions the probe needs, resolved from the loaded library.
private struct DriverAPI {
    typealias Result = Int32
    typealias Init = @convention(c) (UInt32) -> Result
    typealias IntOut = @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    typealias DeviceGet = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Result
    typealias DeviceGetName = @convention(c) (UnsafeMutablePointer<CChar>, Int32, Int32) -> Result
    typealias DeviceGetAttribute = @convention(c) (UnsafeMutablePointer<Int32>, Int32, Int32) -> Result
    typealias DeviceTotalMem = @convention(c) (UnsafeMutablePointer<Int>, Int32) -> Result
    typealias GetErrorString = @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result

    let library: DynamicLibrary
    let cuInit: Init
    let cuDriverGetVersion: IntOut
    let cuDeviceGetCount: IntOut
    let cuDeviceGet: DeviceGet
    let cuDeviceGetName: DeviceGetName
    let cuDeviceGetAttribute: DeviceGetAttribute
    let cuDeviceTotalMem: DeviceTotalMem
    let cuGetErrorString: GetErrorString

    // CUdevice_attribute values from cuda.h.
    private static let computeCapabilityMajor: Int32 = 75
    private static let computeCapabilityMinor: Int32 = 76

    init(library: DynamicLibrary) throws(BackendUnavailable) {
        self.library = library
        cuInit = try library.function("cuInit", as: Init.self)
        cuDriverGetVersion = try library.function("cuDriverGetVersion", as: IntOut.self)
        cuDeviceGetCount = try library.function("cuDeviceGetCount", as: IntOut.self)
        cuDeviceGet = try library.function("cuDeviceGet", as: DeviceGet.self)
        cuDeviceGetName = try library.function("cuDeviceGetName", as: DeviceGetName.self)
        cuDeviceGetAttribute = try library.function("cuDeviceGetAttribute", as: DeviceGetAttribute.self)
        cuDeviceTotalMem = try library.function("cuDeviceTotalMem_v2", as: DeviceTotalMem.self)
        cuGetErrorString = try library.function("cuGetErrorString", as: GetErrorString.self)
    }

    func check(_ result: Result, _ call: String) throws(BackendUnavailable) {
        guard result != 0 else { return }
        var message: UnsafePointer<CChar>?
        let text = cuGetErrorString(result, &message) == 0 ? message.map { String(cString: $0) } : nil
        throw BackendUnavailable(reason: "\(call) failed with CUDA error \(result)" + (text.map { " (\($0))" } ?? ""))
    }

    func gpu(at index: Int) throws(BackendUnavailable) -> CUDADriver.GPU {
        var device: Int32 = 0
        try check(cuDeviceGet(&device, Int32(index)), "cuDeviceGet(\(index))")
        var name = [CChar](repeating: 0, count: 256)
        try check(cuDeviceGetName(&name, Int32(name.count), device), "cuDeviceGetName")
        var major: Int32 = 0, minor: Int32 = 0
        try check(cuDeviceGetAttribute(&major, Self.computeCapabilityMajor, device), "cuDeviceGetAttribute")
        try check(cuDeviceGetAttribute(&minor, Self.computeCapabilityMinor, device), "cuDeviceGetAttribute")
        var memory = 0
        try check(cuDeviceTotalMem(&memory, device), "cuDeviceTotalMem")
        let nameBytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return CUDADriver.GPU(index: index, name: String(decoding: nameBytes, as: UTF8.self),
                              computeCapability: (Int(major), Int(minor)), totalMemoryBytes: UInt64(memory))
    }
}
