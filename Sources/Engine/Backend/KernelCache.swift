import Foundation

/// Compiled GPU kernels on disk, so that NVRTC compiles each kernel once per GPU architecture and source:
/// `$XDG_CACHE_HOME/studio/kernels/<architecture>/<key>.cubin`, the key a SHA-256 of everything that
/// changes the compiled code.
public struct KernelCache: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// `$XDG_CACHE_HOME/studio/kernels`, else `~/.cache/studio/kernels`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            base = URL(fileURLWithPath: cache)
        } else {
            base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".cache")
        }
        return base.appendingPathComponent("studio/kernels")
    }

    /// The cache key: the source, the target architecture, the compiler's version and its options, each
    /// length-prefixed so that no two different inputs can run together into the same bytes.
    public static func key(source: String, architecture: String, compilerVersion: String, options: [String]) -> String {
        var hash = SHA256()
        for part in [architecture, compilerVersion] + options + [source] {
            let bytes = Array(part.utf8)
            hash.update(Array("\(bytes.count):".utf8))
            hash.update(bytes)
        }
        return SHA256.hex(hash.finalize())
    }

    public func url(key: String, architecture: String) -> URL {
        folder.appendingPathComponent(architecture).appendingPathComponent("\(key).cubin")
    }

    /// The stored binary, or nil when there is none (or it is empty, as a crash mid-write could not leave it).
    public func load(key: String, architecture: String) -> Data? {
        guard let data = try? Data(contentsOf: url(key: key, architecture: architecture)), !data.isEmpty else { return nil }
        return data
    }

    /// Writes to a temporary file beside the target and renames it, so a reader never sees half a kernel.
    public func store(_ binary: Data, key: String, architecture: String) throws {
        let target = url(key: key, architecture: architecture)
        let directory = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".\(key).\(getpid()).tmp")
            try binary.write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                let problem = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: problem])
            }
        } catch {
            throw BackendUnavailable(reason: "cannot write the kernel cache at \(directory.path): \(error.localizedDescription)")
        }
    }
}
