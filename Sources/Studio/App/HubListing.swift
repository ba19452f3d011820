import Foundation

/// What the hub says of a model repository at a revision (`GET /api/models/NAME/revision/REV?blobs=true`):
/// the commit it resolves to and every file with its size and, for LFS files (the weights), sha256.
struct HubListing: Decodable, Equatable {
    struct File: Decodable, Equatable {
        let path: String
        let size: Int?
        /// The git blob id; names the blob in the cache for files outside LFS.
        let blobID: String?
        let lfs: LFS?

        struct LFS: Decodable, Equatable {
            let sha256: String
            let size: Int
        }

        enum CodingKeys: String, CodingKey {
            case path = "rfilename", size, blobID = "blobId", lfs
        }

        /// What the file's blob is called in the cache: the LFS sha256, else the git blob id.
        var blobName: String? { lfs?.sha256 ?? blobID }
        var expectedSize: Int? { lfs?.size ?? size }
    }

    let commit: String
    let files: [File]

    enum CodingKeys: String, CodingKey {
        case commit = "sha", files = "siblings"
    }

    /// The files a diffusers pipeline needs: configs, tokenizer files and the weights of one format and
    /// precision per folder — safetensors, else PyTorch `.bin` files; the `fp16` variant when asked for
    /// and present, else full precision (or the other way round). Other frameworks' weights and samples
    /// are left.
    func selection(preferFP16: Bool) -> [File] {
        let weightFolders = Dictionary(grouping: files.filter { Self.isWeight($0.path) }) { Self.folder(of: $0.path) }
        var chosen: [File] = files.filter { Self.isSmallText($0.path) && !Self.isVariantIndex($0.path) }
        for (_, all) in weightFolders {
            // Safetensors when the folder has them; older repositories (Zeroscope) have only PyTorch files.
            let safetensors = all.filter { $0.path.contains(".safetensors") }
            let weights = safetensors.isEmpty ? all : safetensors
            let half = weights.filter { Self.isFP16($0.path) }
            let full = weights.filter { !Self.isFP16($0.path) }
            let useHalf = preferFP16 ? !half.isEmpty : full.isEmpty
            chosen += useHalf ? half : full
        }
        return chosen.sorted { $0.path < $1.path }
    }

    private static func folder(of path: String) -> String {
        (path as NSString).deletingLastPathComponent
    }

    private static func isWeight(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        let pytorch = (name.hasPrefix("diffusion_pytorch_model") || name.hasPrefix("pytorch_model")) && name.hasSuffix(".bin")
        return path.hasSuffix(".safetensors") || pytorch || isVariantIndex(path)
    }

    /// A shard index belongs with the weights of its format and precision, not with the configs.
    private static func isVariantIndex(_ path: String) -> Bool {
        [".safetensors.index.json", ".safetensors.index.fp16.json", ".bin.index.json", ".bin.index.fp16.json"].contains { path.hasSuffix($0) }
    }

    private static func isFP16(_ path: String) -> Bool {
        [".fp16.safetensors", ".fp16.bin", ".index.fp16.json"].contains { path.hasSuffix($0) } || path.contains(".fp16.safetensors.index")
    }

    private static func isSmallText(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".json") || name == "merges.txt" || name == "vocab.txt"
    }
}
