import Foundation

/// A `*.safetensors.index.json` file: which shard (a file beside the index) holds each tensor.
struct ShardIndex {
    let url: URL
    /// Tensor name → shard file name, as the index's `weight_map` says.
    let weightMap: [String: String]
    /// The distinct shard files, sorted by name.
    let shardURLs: [URL]

    init(url: URL) throws {
        let decoded: IndexFile
        do {
            decoded = try ConfigDecoding.decode(IndexFile.self, from: url)
        } catch WeightError.badConfig(let badURL, let reason) {
            throw WeightError.badIndex(badURL, reason: reason)
        }
        guard !decoded.weightMap.isEmpty else {
            throw WeightError.badIndex(url, reason: "weight_map is empty")
        }
        let folder = url.deletingLastPathComponent()
        for (tensor, shard) in decoded.weightMap {
            // Shards must sit beside the index; a path here could point anywhere on disk.
            guard !shard.isEmpty, !shard.contains("/"), shard != ".", shard != ".." else {
                throw WeightError.badIndex(url, reason: "tensor '\(tensor)' maps to '\(shard)', which is not a file name beside the index")
            }
        }
        self.url = url
        self.weightMap = decoded.weightMap
        self.shardURLs = Set(decoded.weightMap.values).sorted().map { folder.appendingPathComponent($0) }
    }
}

private struct IndexFile: Decodable {
    let weightMap: [String: String]

    enum CodingKeys: String, CodingKey {
        case weightMap = "weight_map"
    }
}
