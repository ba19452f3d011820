import Foundation
import XCTest

/// A Hugging Face hub stand-in on 127.0.0.1 for `studio pull` tests: Python's http.server answering
/// `/api/models/NAME/revision/REV` and `/NAME/resolve/COMMIT/PATH` (with `Range`) for the files of a
/// folder, able to drop a connection mid-file or serve corrupted bytes, and logging every request.
final class LoopbackHub {
    struct Plan: Encodable {
        var name: String
        var commit: String
        /// Repository path → local file.
        var files: [String: String]
        /// Paths whose first N answers stop halfway through the body.
        var dropOnce: [String] = []
        /// Paths served with a flipped byte: `always`, or only the first answer.
        var corruptAlways: [String] = []
        var corruptOnce: [String] = []
        var token: String?
    }

    let endpoint: String
    private let process = Process()
    private let folder: URL

    init(plan: Plan) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONEncoder().encode(plan).write(to: folder.appendingPathComponent("plan.json"))
        try Self.script.write(to: folder.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent("server.py").path, folder.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let portFile = folder.appendingPathComponent("port")
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: portFile.path) { usleep(20_000) }
        guard let port = try? String(contentsOf: portFile, encoding: .utf8), !port.isEmpty else {
            process.terminate()
            throw XCTSkip("python3 http.server did not start")
        }
        endpoint = "http://127.0.0.1:\(port.trimmingCharacters(in: .whitespacesAndNewlines))"
    }

    /// One line per request: `PATH|RANGE|AUTHORIZATION`.
    var requests: [String] {
        ((try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    private static let script = #"""
import hashlib, http.server, json, os, sys, threading
root = sys.argv[1]
plan = json.load(open(os.path.join(root, "plan.json")))
served = {}
lock = threading.Lock()

def content(path):
    return open(plan["files"][path], "rb").read()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_GET(self):
        with open(os.path.join(root, "log"), "a") as log:
            log.write("%s|%s|%s\n" % (self.path, self.headers.get("Range", ""), self.headers.get("Authorization", "")))
        if plan.get("token") and self.headers.get("Authorization") != "Bearer " + plan["token"]:
            return self.answer(401, b"unauthorized")
        name = plan["name"]
        if self.path.split("?")[0] == "/api/models/%s/revision/main" % name:
            siblings = []
            for path in sorted(plan["files"]):
                data = content(path)
                entry = {"rfilename": path, "size": len(data), "blobId": hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()}
                if path.endswith(".safetensors"):
                    entry["lfs"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "pointerSize": 130}
                siblings.append(entry)
            return self.answer(200, json.dumps({"id": name, "sha": plan["commit"], "siblings": siblings}).encode())
        prefix = "/%s/resolve/%s/" % (name, plan["commit"])
        if not self.path.startswith(prefix) or self.path[len(prefix):] not in plan["files"]:
            return self.answer(404, b"not found")
        path = self.path[len(prefix):]
        data = bytearray(content(path))
        with lock:
            count = served.get(path, 0)
            served[path] = count + 1
        if path in plan["corruptAlways"] or (path in plan["corruptOnce"] and count == 0):
            data[len(data) // 2] ^= 0xFF
        start = 0
        if self.headers.get("Range", "").startswith("bytes="):
            start = int(self.headers["Range"][6:].split("-")[0])
            if start >= len(data):
                return self.answer(416, b"")
        body = bytes(data[start:])
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if path in plan["dropOnce"] and count == 0:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)
    def answer(self, code, body):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(root, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(root, "port.tmp"), os.path.join(root, "port"))
server.serve_forever()
"""#
}
