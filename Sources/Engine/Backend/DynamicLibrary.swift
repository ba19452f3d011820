#if canImport(Glibc)
import Glibc
#endif

/// A shared library opened at run time, so that the package builds and runs where the library is missing
/// (the CUDA driver, NVRTC and cuBLAS are only on GPU machines).
final class DynamicLibrary {
    /// The candidate that opened.
    let name: String
    private let handle: UnsafeMutableRawPointer

    /// Opens the first of `candidates` that the dynamic loader finds (most specific soname first).
    init(candidates: [String]) throws(BackendUnavailable) {
        var failures: [String] = []
        for candidate in candidates {
            if let opened = dlopen(candidate, RTLD_NOW | RTLD_LOCAL) {
                name = candidate
                handle = opened
                return
            }
            failures.append(Self.lastError() ?? "\(candidate): not found")
        }
        throw BackendUnavailable(reason: "cannot load \(candidates.joined(separator: " or ")): "
                                 + failures.joined(separator: "; "))
    }

    deinit { dlclose(handle) }

    /// The C function `symbol`, typed as `type` (a `@convention(c)` function type matching its declaration).
    func function<Function>(_ symbol: String, as type: Function.Type) throws(BackendUnavailable) -> Function {
        guard let address = dlsym(handle, symbol) else {
            throw BackendUnavailable(reason: "\(name) has no \(symbol): " + (Self.lastError() ?? "symbol not found"))
        }
        return unsafeBitCast(address, to: type)
    }

    private static func lastError() -> String? {
        guard let message = dlerror() else { return nil }
        return String(cString: message)
    }
}

/// Why a compute backend cannot be used on this machine, in words a user can act on.
public struct BackendUnavailable: Error, Equatable, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { reason }

    public init(reason: String) { self.reason = reason }
}
