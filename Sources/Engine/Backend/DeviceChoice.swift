/// Where the model runs, as `--device` names it.
public enum DeviceChoice: String, CaseIterable, Sendable {
    /// The GPU when its backend starts, else the CPU.
    case auto
    case cpu
    case cuda

    /// The backend for this choice. `auto` falls back to the CPU and says why in `fallback`; `cuda`
    /// throws the reason instead. `cudaBackend` makes the GPU backend (the process-wide one by default).
    public func resolve(cudaBackend: () throws(BackendUnavailable) -> any Backend = { try CUDABackend.shared() })
        throws(BackendUnavailable) -> (backend: any Backend, fallback: String?) {
        switch self {
        case .cpu:
            return (CPUBackend.shared, nil)
        case .cuda:
            return (try cudaBackend(), nil)
        case .auto:
            do throws(BackendUnavailable) {
                return (try cudaBackend(), nil)
            } catch {
                return (CPUBackend.shared, "no usable GPU (\(error.reason)); running on the CPU")
            }
        }
    }
}
