/// The CUDA driver API, NVRTC and cuBLAS functions the GPU backend calls, resolved at run time from
/// the libraries the NVIDIA driver and the CUDA toolkit (or PyTorch's wheels) install. Nothing here
/// is needed to build the package.
struct CUDALibraries {
    typealias Result = Int32
    typealias DevicePointer = UInt64

    // Driver API (libcuda).
    typealias Init = @convention(c) (UInt32) -> Result
    typealias DeviceGet = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Result
    typealias PrimaryContextRetain = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, Int32) -> Result
    typealias ContextSetCurrent = @convention(c) (OpaquePointer?) -> Result
    typealias ContextSynchronize = @convention(c) () -> Result
    typealias MemoryAllocate = @convention(c) (UnsafeMutablePointer<DevicePointer>, Int) -> Result
    typealias MemoryFree = @convention(c) (DevicePointer) -> Result
    typealias CopyHostToDevice = @convention(c) (DevicePointer, UnsafeRawPointer, Int) -> Result
    typealias CopyDeviceToHost = @convention(c) (UnsafeMutableRawPointer, DevicePointer, Int) -> Result
    typealias CopyDeviceToDevice = @convention(c) (DevicePointer, DevicePointer, Int) -> Result
    typealias MemoryInfo = @convention(c) (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>) -> Result
    typealias ModuleLoadData = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafeRawPointer) -> Result
    typealias ModuleGetFunction = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, OpaquePointer?,
                                                  UnsafePointer<CChar>) -> Result
    typealias LaunchKernel = @convention(c) (OpaquePointer?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                                             OpaquePointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                                             UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Result
    typealias GetErrorString = @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result

    // NVRTC.
    typealias NVRTCVersion = @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Result
    typealias NVRTCCreateProgram = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafePointer<CChar>,
                                                   UnsafePointer<CChar>, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
                                                   UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    typealias NVRTCCompileProgram = @convention(c) (OpaquePointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    typealias NVRTCGetSize = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> Result
    typealias NVRTCGetBytes = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> Result
    typealias NVRTCDestroyProgram = @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Result
    typealias NVRTCErrorString = @convention(c) (Result) -> UnsafePointer<CChar>?

    // cuBLAS.
    typealias CUBLASCreate = @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Result
    typealias CUBLASGemmStridedBatched = @convention(c) (
        OpaquePointer?, Int32, Int32, Int32, Int32, Int32,
        UnsafeRawPointer, UnsafeRawPointer?, Int32, Int32, Int64,
        UnsafeRawPointer?, Int32, Int32, Int64,
        UnsafeRawPointer, UnsafeMutableRawPointer?, Int32, Int32, Int64,
        Int32, Int32, Int32) -> Result

    /// Sonames tried for each library, newest CUDA first.
    static let driverSonames = CUDADriver.librarySonames
    static let nvrtcSonames = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"]
    static let cublasSonames = ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"]

    let driver: DynamicLibrary, nvrtc: DynamicLibrary, cublas: DynamicLibrary

    let cuInit: Init
    let cuDeviceGet: DeviceGet
    let cuDevicePrimaryCtxRetain: PrimaryContextRetain
    let cuCtxSetCurrent: ContextSetCurrent
    let cuCtxSynchronize: ContextSynchronize
    let cuMemAlloc: MemoryAllocate
    let cuMemFree: MemoryFree
    let cuMemcpyHtoD: CopyHostToDevice
    let cuMemcpyDtoH: CopyDeviceToHost
    let cuMemcpyDtoD: CopyDeviceToDevice
    let cuMemGetInfo: MemoryInfo
    let cuModuleLoadData: ModuleLoadData
    let cuModuleGetFunction: ModuleGetFunction
    let cuLaunchKernel: LaunchKernel
    let cuGetErrorString: GetErrorString

    let nvrtcVersion: NVRTCVersion
    let nvrtcCreateProgram: NVRTCCreateProgram
    let nvrtcCompileProgram: NVRTCCompileProgram
    let nvrtcGetProgramLogSize: NVRTCGetSize
    let nvrtcGetProgramLog: NVRTCGetBytes
    let nvrtcGetCUBINSize: NVRTCGetSize
    let nvrtcGetCUBIN: NVRTCGetBytes
    let nvrtcDestroyProgram: NVRTCDestroyProgram
    let nvrtcGetErrorString: NVRTCErrorString

    let cublasCreate: CUBLASCreate
    let cublasGemmStridedBatchedEx: CUBLASGemmStridedBatched

    init(driverSonames: [String] = Self.driverSonames, nvrtcSonames: [String] = Self.nvrtcSonames,
         cublasSonames: [String] = Self.cublasSonames) throws(BackendUnavailable) {
        driver = try DynamicLibrary(candidates: driverSonames)
        nvrtc = try DynamicLibrary(candidates: nvrtcSonames)
        cublas = try DynamicLibrary(candidates: cublasSonames)
        cuInit = try driver.function("cuInit", as: Init.self)
        cuDeviceGet = try driver.function("cuDeviceGet", as: DeviceGet.self)
        cuDevicePrimaryCtxRetain = try driver.function("cuDevicePrimaryCtxRetain", as: PrimaryContextRetain.self)
        cuCtxSetCurrent = try driver.function("cuCtxSetCurrent", as: ContextSetCurrent.self)
        cuCtxSynchronize = try driver.function("cuCtxSynchronize", as: ContextSynchronize.self)
        cuMemAlloc = try driver.function("cuMemAlloc_v2", as: MemoryAllocate.self)
        cuMemFree = try driver.function("cuMemFree_v2", as: MemoryFree.self)
        cuMemcpyHtoD = try driver.function("cuMemcpyHtoD_v2", as: CopyHostToDevice.self)
        cuMemcpyDtoH = try driver.function("cuMemcpyDtoH_v2", as: CopyDeviceToHost.self)
        cuMemcpyDtoD = try driver.function("cuMemcpyDtoD_v2", as: CopyDeviceToDevice.self)
        cuMemGetInfo = try driver.function("cuMemGetInfo_v2", as: MemoryInfo.self)
        cuModuleLoadData = try driver.function("cuModuleLoadData", as: ModuleLoadData.self)
        cuModuleGetFunction = try driver.function("cuModuleGetFunction", as: ModuleGetFunction.self)
        cuLaunchKernel = try driver.function("cuLaunchKernel", as: LaunchKernel.self)
        cuGetErrorString = try driver.function("cuGetErrorString", as: GetErrorString.self)

        nvrtcVersion = try nvrtc.function("nvrtcVersion", as: NVRTCVersion.self)
        nvrtcCreateProgram = try nvrtc.function("nvrtcCreateProgram", as: NVRTCCreateProgram.self)
        nvrtcCompileProgram = try nvrtc.function("nvrtcCompileProgram", as: NVRTCCompileProgram.self)
        nvrtcGetProgramLogSize = try nvrtc.function("nvrtcGetProgramLogSize", as: NVRTCGetSize.self)
        nvrtcGetProgramLog = try nvrtc.function("nvrtcGetProgramLog", as: NVRTCGetBytes.self)
        nvrtcGetCUBINSize = try nvrtc.function("nvrtcGetCUBINSize", as: NVRTCGetSize.self)
        nvrtcGetCUBIN = try nvrtc.function("nvrtcGetCUBIN", as: NVRTCGetBytes.self)
        nvrtcDestroyProgram = try nvrtc.function("nvrtcDestroyProgram", as: NVRTCDestroyProgram.self)
        nvrtcGetErrorString = try nvrtc.function("nvrtcGetErrorString", as: NVRTCErrorString.self)

        cublasCreate = try cublas.function("cublasCreate_v2", as: CUBLASCreate.self)
        cublasGemmStridedBatchedEx = try cublas.function("cublasGemmStridedBatchedEx", as: CUBLASGemmStridedBatched.self)
    }

    /// The driver's words for an error code.
    func describe(_ result: Result) -> String {
        var message: UnsafePointer<CChar>?
        let text = cuGetErrorString(result, &message) == 0 ? message.map { String(cString: $0) } : nil
        return "CUDA error \(result)" + (text.map { " (\($0))" } ?? "")
    }

    /// NVRTC's version as "major.minor".
    func compilerVersion() -> String {
        var major: Int32 = 0, minor: Int32 = 0
        _ = nvrtcVersion(&major, &minor)
        return "\(major).\(minor)"
    }
}
