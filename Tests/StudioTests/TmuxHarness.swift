import Foundation
import XCTest

/// Runs the built `studio` inside a private tmux server (its own socket), types keys and reads the
/// pane. Tests using it skip when tmux or the binary is missing.
final class TmuxHarness {
    let socket: String
    let session = "studio-test"
    let tmux: String
    let studio: String

    init(file: StaticString = #filePath) throws {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else { throw XCTSkip("tmux is not installed") }
        let studio = try TmuxHarness.studioBinary().path
        self.tmux = tmux
        self.studio = studio
        socket = "studio-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The `studio` executable SwiftPM built beside the test bundle (on Linux the bundle URL is
    /// the build folder itself; on macOS it is the .xctest inside it).
    static func studioBinary() throws -> URL {
        let bundle = Bundle(for: TmuxHarness.self).bundleURL
        for folder in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("studio")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw XCTSkip("studio binary not built next to \(bundle.path)")
    }

    deinit { _ = try? run(["kill-server"]) }

    /// Starts `command` in a detached session of the given size.
    func start(_ command: String, columns: Int, rows: Int) throws {
        try run(["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", command])
    }

    func sendKeys(_ keys: [String], literal: Bool = false) throws {
        try run(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    /// Starts a plain shell (no rc files) in a detached session, for tests that type a command line
    /// and check the shell still works after the studio exits.
    func startShell(columns: Int, rows: Int) throws {
        try start("env PS1='$ ' /bin/sh", columns: columns, rows: rows)
    }

    /// Types `line` into the pane and presses Enter.
    func typeLine(_ line: String) throws {
        try sendKeys([line], literal: true)
        try sendKeys(["Enter"])
    }

    /// Resizes the session's window, which the program inside sees as SIGWINCH.
    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(columns)", "-y", "\(rows)"])
    }

    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// Polls the pane until `predicate` holds or `timeout` seconds pass; returns the last capture.
    @discardableResult
    func waitFor(timeout: Double = 5, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = (try? capture()) ?? ""
            if predicate(screen) { return screen }
            usleep(50_000)
        }
        return screen
    }

    /// Runs a tmux command and returns what it printed. Uses posix_spawn and waitpid rather than
    /// Foundation's Process, whose exit wait can hang once the tmux server (a grandchild that
    /// keeps our descriptors) is running.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("studio-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, tmux, &actions, nil, &cArgs, environ) == 0 else {
            throw XCTSkip("could not start tmux")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
