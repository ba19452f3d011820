import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the studio answering keys while a generation fills every core: the engine's threads (the
/// engine thread and the BLAS pool, which the library starts from the main thread when it loads)
/// run at a higher niceness, so the scheduler hands the UI thread a core as soon as a key wakes it.
/// Linux sets niceness per thread; elsewhere this does nothing.
enum BackgroundPriority {
    /// Nice 10 gives a waking nice-0 thread about ten times the weight of each busy engine thread.
    static let niceness: Int32 = 10

    /// The kernel's id of the calling thread, or nil where threads have none we can read.
    static func currentThreadID() -> Int32? {
        #if os(Linux)
        // /proc/thread-self links to /proc/PID/task/TID; it avoids the variadic syscall(), which
        // Swift cannot call.
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self") else { return nil }
        return Int32(target.split(separator: "/").last ?? "")
        #else
        return nil
        #endif
    }

    /// Every thread of this process.
    static func threadIDs() -> [Int32] {
        #if os(Linux)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return names.compactMap { Int32($0) }.sorted()
        #else
        return []
        #endif
    }

    /// The thread's niceness, or nil when it cannot be read.
    static func niceness(ofThread thread: Int32) -> Int32? {
        #if os(Linux)
        errno = 0
        let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread))
        return value == -1 && errno != 0 ? nil : value
        #else
        return nil
        #endif
    }

    /// Raises the thread's niceness to `niceness` (never lowers it: that needs privileges).
    @discardableResult
    static func lower(thread: Int32) -> Bool {
        #if os(Linux)
        guard let current = niceness(ofThread: thread) else { return false }
        if current >= niceness { return true }
        return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread), niceness) == 0
        #else
        return false
        #endif
    }

    /// Lowers the calling thread; threads it starts later inherit the niceness.
    static func lowerCurrentThread() {
        if let thread = currentThreadID() { lower(thread: thread) }
    }

    /// Lowers every thread but `keep` (the UI thread): the BLAS pool already exists by then.
    static func lowerAllThreads(except keep: Int32?) {
        for thread in threadIDs() where thread != keep { lower(thread: thread) }
    }
}
