import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Blocking HTTP GETs over URLSession for `studio pull`: small answers into memory, large bodies
/// streamed onto the end of a file (resuming with `Range` when the file already has a start).
final class HTTPFetch: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible, Equatable {
        case status(Int, URL)
        case transport(URL, String)

        var description: String {
            switch self {
            case .status(let code, let url): return "HTTP \(code) from \(url.absoluteString)"
            case .transport(let url, let reason): return "\(url.absoluteString): \(reason)"
            }
        }
    }

    private let headers: [String: String]
    private var handle: FileHandle?
    private var status = 0
    private var received = 0
    private var body = Data()
    private var failure: Error?
    private var onBytes: (Int) -> Void = { _ in }
    private let done = DispatchSemaphore(value: 0)

    init(headers: [String: String]) {
        self.headers = headers
    }

    /// The whole body of a successful answer.
    func data(from url: URL) throws -> Data {
        let status = try run(request(url), file: nil)
        guard status == 200 else { throw Failure.status(status, url) }
        return body
    }

    /// Appends the body to `file`, asking only for the bytes after what it already holds; a server that
    /// ignores the range (200) gets the file restarted. Returns how many bytes the file holds afterwards;
    /// a dropped connection throws `.transport` with the bytes so far kept for the next try.
    func append(from url: URL, to file: URL, onBytes: @escaping (Int) -> Void) throws -> Int {
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let start = Int(try handle.seekToEnd())
        var request = request(url)
        if start > 0 { request.setValue("bytes=\(start)-", forHTTPHeaderField: "Range") }
        self.handle = handle
        self.onBytes = onBytes
        received = start
        defer { self.handle = nil }
        let status = try run(request, file: handle)
        guard status == 200 || status == 206 else {
            // 416: the file already holds everything the server has.
            if status == 416 { return start }
            throw Failure.status(status, url)
        }
        return Int(try handle.offset())
    }

    private func request(_ url: URL) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 60)
        for (field, value) in headers { request.setValue(value, forHTTPHeaderField: field) }
        return request
    }

    private func run(_ request: URLRequest, file: FileHandle?) throws -> Int {
        status = 0
        body = Data()
        failure = nil
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: queue)
        session.dataTask(with: request).resume()
        done.wait()
        session.finishTasksAndInvalidate()
        if let failure { throw Failure.transport(request.url!, failure.localizedDescription) }
        return status
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == 200, let handle {
            // The server sent the whole file: start it again.
            try? handle.truncate(atOffset: 0)
            received = 0
        }
        completionHandler(status == 200 || status == 206 ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        if let handle {
            do {
                try handle.write(contentsOf: data)
                received += data.count
                onBytes(received)
            } catch {
                failure = error
                dataTask.cancel()
            }
        } else {
            body.append(data)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error, failure == nil, status == 200 || status == 206 || status == 0 { failure = error }
        done.signal()
    }
}
