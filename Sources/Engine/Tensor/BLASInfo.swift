import CBLAS

/// Facts about the OpenBLAS library the engine runs on, for `studio doctor` and run metadata.
public struct BLASInfo: Equatable, Sendable {
    /// OpenBLAS's build description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".
    public var config: String
    /// The CPU kernel set chosen at load time, e.g. "Zen" or "Haswell".
    public var coreName: String
    /// Threads OpenBLAS will use for one call.
    public var threads: Int
    /// Processors OpenBLAS sees.
    public var processors: Int

    public init(config: String, coreName: String, threads: Int, processors: Int) {
        self.config = config
        self.coreName = coreName
        self.threads = threads
        self.processors = processors
    }

    /// Reads the current values from the linked OpenBLAS.
    public static func current() -> BLASInfo {
        BLASInfo(config: openblas_get_config().map { String(cString: $0) } ?? "unknown",
                 coreName: openblas_get_corename().map { String(cString: $0) } ?? "unknown",
                 threads: Int(openblas_get_num_threads()),
                 processors: Int(openblas_get_num_procs()))
    }

    /// The version number inside `config` ("0.3.21"), if it starts the usual way.
    public var version: String? {
        let words = config.split(separator: " ")
        guard words.count >= 2, words[0] == "OpenBLAS" else { return nil }
        return String(words[1])
    }
}
