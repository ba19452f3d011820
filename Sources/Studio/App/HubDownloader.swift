import Engine
import Foundation

/// Downloads a diffusers-layout model from the Hugging Face hub into the hub cache the way
/// huggingface_hub lays it out, so diffusers users share the files: `models--OWNER--NAME/blobs/<sha256
/// or git blob id>`, `snapshots/<commit>/<path>` links to those blobs, `refs/<revision>` naming the commit.
///
/// A file is written as `blobs/<name>.incomplete`, resumed with `Range` after a dropped connection,
/// checked (sha256 for LFS weights, size for the rest) and only then renamed to its blob name; a file
/// that fails the check is fetched once more from the start and otherwise refused, and its partial
/// file removed, so nothing half-written ever looks complete.
struct HubDownloader {
    enum Failure: Error, CustomStringConvertible, Equatable {
        case badName(String)
        case listing(String, reason: String)
        case corrupted(String, expected: String, found: String)
        case incomplete(String, expected: Int, found: Int)
        case transfer(String, reason: String)

        var description: String {
            switch self {
            case .badName(let name):
                return "'\(name)' is not a hub model name (OWNER/NAME, e.g. damo-vilab/text-to-video-ms-1.7b)"
            case .listing(let name, let reason):
                return "cannot list \(name) on the hub: \(reason)"
            case .corrupted(let path, let expected, let found):
                return "\(path) failed its sha256 check twice (expected \(expected), got \(found)); nothing was kept"
            case .incomplete(let path, let expected, let found):
                return "\(path) stopped at \(found) of \(expected) bytes after several tries; run the pull again to resume"
            case .transfer(let path, let reason):
                return "\(path): \(reason)"
            }
        }
    }

    /// One file's progress, for the progress line.
    struct Progress: Equatable {
        var file: String
        var index: Int
        var count: Int
        var bytes: Int
        var total: Int?
    }

    var endpoint: URL
    var token: String?
    /// The hub cache folder (e.g. ~/.cache/huggingface/hub).
    var cache: URL
    var transferAttempts = 4

    /// The base URL: `$HF_ENDPOINT`, else the public hub.
    static func endpoint(environment: [String: String]) -> URL {
        let base = environment["HF_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://huggingface.co"
        return URL(string: base.hasSuffix("/") ? String(base.dropLast()) : base) ?? URL(string: "https://huggingface.co")!
    }

    private var fetch: HTTPFetch {
        HTTPFetch(headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    /// Pulls `name` at `revision` and returns the snapshot folder.
    func pull(_ name: String, revision: String = "main", preferFP16: Bool = true,
              progress: @escaping (Progress) -> Void = { _ in }) throws -> URL {
        guard let folderName = ModelLocator.hubFolderName(name) else { throw Failure.badName(name) }
        let listing = try list(name, revision: revision)
        let repository = cache.appendingPathComponent(folderName)
        let blobs = repository.appendingPathComponent("blobs")
        let snapshot = repository.appendingPathComponent("snapshots/\(listing.commit)")
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        let files = listing.selection(preferFP16: preferFP16)
        for (index, file) in files.enumerated() {
            guard let blobName = file.blobName, Self.isPlainName(blobName),
                  file.path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ Self.isPlainName(String($0)) }) else {
                throw Failure.listing(name, reason: "\(file.path) has no usable blob id or is not a plain relative path")
            }
            let blob = blobs.appendingPathComponent(blobName)
            let url = endpoint.appendingPathComponent(name).appendingPathComponent("resolve")
                .appendingPathComponent(listing.commit).appendingPathComponent(file.path)
            if !FileManager.default.fileExists(atPath: blob.path) {
                try download(file, from: url, to: blob) { bytes in
                    progress(Progress(file: file.path, index: index + 1, count: files.count, bytes: bytes, total: file.expectedSize))
                }
            }
            progress(Progress(file: file.path, index: index + 1, count: files.count, bytes: file.expectedSize ?? 0, total: file.expectedSize))
            try link(snapshot.appendingPathComponent(file.path), to: blob, depth: file.path.split(separator: "/").count)
        }
        let ref = repository.appendingPathComponent("refs/\(revision)")
        try FileManager.default.createDirectory(at: ref.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(listing.commit.utf8).write(to: ref, options: .atomic)
        return snapshot
    }

    func list(_ name: String, revision: String) throws -> HubListing {
        var components = URLComponents(url: endpoint.appendingPathComponent("api/models").appendingPathComponent(name)
            .appendingPathComponent("revision").appendingPathComponent(revision), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "blobs", value: "true")]
        let data: Data
        do {
            data = try fetch.data(from: components.url!)
        } catch let error as HTTPFetch.Failure {
            if case .status(let code, _) = error, code == 401 || code == 403 {
                throw Failure.listing(name, reason: "HTTP \(code): a gated or private model needs HF_TOKEN")
            }
            throw Failure.listing(name, reason: error.description)
        }
        do {
            let listing = try JSONDecoder().decode(HubListing.self, from: data)
            guard Self.isPlainName(listing.commit) else { throw Failure.listing(name, reason: "commit id '\(listing.commit)' is not a plain name") }
            return listing
        } catch is DecodingError {
            throw Failure.listing(name, reason: "the answer is not a model listing (no sha / siblings)")
        }
    }

    private func download(_ file: HubListing.File, from url: URL, to blob: URL, onBytes: @escaping (Int) -> Void) throws {
        let partial = blob.appendingPathExtension("incomplete")
        for check in 1...2 {
            var size = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0
            var lastError = ""
            var attempt = 0
            while attempt < transferAttempts, file.expectedSize.map({ size < $0 }) ?? (attempt == 0) {
                attempt += 1
                do {
                    size = try fetch.append(from: url, to: partial, onBytes: onBytes)
                } catch let error as HTTPFetch.Failure {
                    lastError = error.description
                    if case .status = error { throw Failure.transfer(file.path, reason: lastError) }
                    size = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0
                }
            }
            if let expected = file.expectedSize, size < expected {
                if lastError.isEmpty { throw Failure.incomplete(file.path, expected: expected, found: size) }
                throw Failure.transfer(file.path, reason: "\(lastError) (\(size) of \(expected) bytes kept; run the pull again to resume)")
            }
            if let problem = try verify(file, partial) {
                try? FileManager.default.removeItem(at: partial)
                if check == 2 { throw problem }
                continue
            }
            try FileManager.default.moveItem(at: partial, to: blob)
            return
        }
    }

    /// nil when the file is what the listing promises.
    private func verify(_ file: HubListing.File, _ partial: URL) throws -> Failure? {
        let size = (try FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0
        if let lfs = file.lfs {
            let found = try SHA256.hexDigest(ofFile: partial)
            return found == lfs.sha256.lowercased() && size == lfs.size ? nil : .corrupted(file.path, expected: lfs.sha256, found: found)
        }
        if let expected = file.size, expected != size { return .incomplete(file.path, expected: expected, found: size) }
        return nil
    }

    /// A relative link, as huggingface_hub makes them, so the cache can move as a whole.
    private func link(_ path: URL, to blob: URL, depth: Int) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: path)
        let target = String(repeating: "../", count: depth + 1) + "blobs/" + blob.lastPathComponent
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: target)
    }

    /// Names from the server become file names: no separators or dot-names.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}
