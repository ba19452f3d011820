import Foundation

/// The weights of one model component (unet, vae, text_encoder): a single safetensors file, the
/// shards a `*.safetensors.index.json` lists, or another tensor source (a PyTorch checkpoint). Model code `take`s each tensor it builds with, by name
/// and expected shape, then calls `finish()`, which fails if the checkpoint held tensors nobody took —
/// the sign of a checkpoint for a different architecture or a key-naming mismatch.
///
/// Not meant to be shared between threads while loading; a lock keeps the used-name record sound anyway.
public final class ComponentWeights: CustomStringConvertible, @unchecked Sendable {
    /// The file that names this component's weights in messages: the safetensors file, or the shard index.
    public let location: URL
    /// The opened files (one, or every shard), sorted by name.
    public let files: [any TensorSource]
    /// Every tensor name across the files, sorted.
    public let names: [String]

    private let fileForTensor: [String: any TensorSource]
    private var used: Set<String> = []
    private let lock = NSLock()

    /// The weights of one file.
    public init(file: any TensorSource) {
        location = file.url
        files = [file]
        names = file.names
        fileForTensor = Dictionary(uniqueKeysWithValues: file.names.map { ($0, file) })
    }

    /// The weights of the shards an index lists. Every tensor the index maps must be in its shard,
    /// and no tensor may be in two shards; tensors a shard holds beyond the index still count (and
    /// `finish()` reports them if unused), as diffusers loads each shard whole.
    init(index: ShardIndex) throws {
        var shards: [String: any TensorSource] = [:]
        for url in index.shardURLs {
            shards[url.lastPathComponent] = try WeightFileLocator.open(url)
        }
        var fileForTensor: [String: any TensorSource] = [:]
        for shard in shards.values.sorted(by: { $0.url.lastPathComponent < $1.url.lastPathComponent }) {
            for name in shard.names {
                if let earlier = fileForTensor[name] {
                    throw WeightError.duplicateTensor(earlier.url, tensor: name, alsoIn: shard.url)
                }
                fileForTensor[name] = shard
            }
        }
        for (name, shardName) in index.weightMap.sorted(by: { $0.key < $1.key }) {
            guard let shard = shards[shardName], shard.contains(name) else {
                throw WeightError.missingTensor(index.url.deletingLastPathComponent().appendingPathComponent(shardName), tensor: name)
            }
        }
        location = index.url
        files = shards.values.sorted { $0.url.lastPathComponent < $1.url.lastPathComponent }
        names = fileForTensor.keys.sorted()
        self.fileForTensor = fileForTensor
    }

    /// The weights in `folder` (a component folder of a diffusers model): the full-precision file
    /// unless `preferFP16`, falling back to the other precision when only it exists; a single file
    /// before a shard index; safetensors before PyTorch checkpoints (`.bin`).
    public static func load(folder: URL, preferFP16: Bool = false) throws -> ComponentWeights {
        switch try WeightFileLocator.locate(in: folder, preferFP16: preferFP16) {
        case .single(let url): return ComponentWeights(file: try WeightFileLocator.open(url))
        case .sharded(let index): return try ComponentWeights(index: ShardIndex(url: index))
        }
    }

    /// The weights of one named file: safetensors, a PyTorch checkpoint, or a shard index ending in `.json`.
    public static func load(file url: URL) throws -> ComponentWeights {
        if url.pathExtension == "json" { return try ComponentWeights(index: ShardIndex(url: url)) }
        return ComponentWeights(file: try WeightFileLocator.open(url))
    }

    public func contains(_ name: String) -> Bool { fileForTensor[name] != nil }

    public func info(_ name: String) -> TensorInfo? { fileForTensor[name]?.info(name) }

    /// The named tensor as float32, which must have exactly `shape`; records it as used.
    public func take(_ name: String, shape: [Int]) throws -> Tensor {
        let tensor = try checkedFile(name, shape: shape).tensor(name)
        markUsed(name)
        return tensor
    }

    /// The named tensor as a layer parameter (large half-precision tensors stay mapped and are
    /// widened at use), which must have exactly `shape`; records it as used.
    public func parameter(_ name: String, shape: [Int]) throws -> Parameter {
        let file = try checkedFile(name, shape: shape)
        let parameter = try file.parameter(name)
        markUsed(name)
        return parameter
    }

    /// The first of `names` that the checkpoint has, for keys spelled differently across versions
    /// (VAE attention `query` vs `to_q`; text encoder keys with or without `text_model.`).
    public func take(anyOf names: [String], shape: [Int]) throws -> Tensor {
        try take(firstPresent(names), shape: shape)
    }

    /// The first of `names` that the checkpoint has, as a parameter (see `take(anyOf:shape:)`).
    public func parameter(anyOf names: [String], shape: [Int]) throws -> Parameter {
        try parameter(firstPresent(names), shape: shape)
    }

    private func firstPresent(_ names: [String]) throws -> String {
        guard let present = names.first(where: contains) else {
            throw WeightError.missingTensor(location, tensor: names.joined(separator: " or "))
        }
        return present
    }

    /// Marks a tensor the model deliberately does not use (e.g. `text_model.embeddings.position_ids`),
    /// so `finish()` does not report it. Absent names are fine.
    public func ignore(_ name: String) {
        if contains(name) { markUsed(name) }
    }

    /// Tensors not yet taken or ignored, sorted.
    public var unusedNames: [String] {
        lock.lock()
        defer { lock.unlock() }
        return names.filter { !used.contains($0) }
    }

    /// Throws `unexpectedTensors` when any tensor was neither taken nor ignored.
    public func finish() throws {
        let unused = unusedNames
        guard unused.isEmpty else { throw WeightError.unexpectedTensors(location, names: unused) }
    }

    /// Total bytes of tensor data.
    public var tensorBytes: Int { files.reduce(0) { $0 + $1.tensorBytes } }

    /// Total size of the files on disk.
    public var fileBytes: Int { files.reduce(0) { $0 + $1.fileSize } }

    /// The dtypes present, largest share of bytes first, e.g. `F16` or `F32+I64`.
    public var dtypeSummary: String {
        var bytesByType: [DType: Int] = [:]
        for (name, file) in fileForTensor {
            if let info = file.info(name) { bytesByType[info.dtype, default: 0] += info.byteCount }
        }
        guard !bytesByType.isEmpty else { return "empty" }
        return bytesByType.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
            .map(\.key.rawValue).joined(separator: "+")
    }

    /// e.g. `unet/diffusion_pytorch_model.fp16.safetensors (F16, 2.82 GB, 1,234 tensors)`.
    public var description: String {
        let place = "\(location.deletingLastPathComponent().lastPathComponent)/\(location.lastPathComponent)"
        let shards = files.count > 1 ? ", \(files.count) shards" : ""
        return "\(place) (\(dtypeSummary), \(ByteCountText.format(fileBytes)), \(names.count) tensors\(shards))"
    }

    /// The file holding `name`, after checking the tensor exists with exactly `shape`.
    private func checkedFile(_ name: String, shape: [Int]) throws -> any TensorSource {
        guard let file = fileForTensor[name], let info = file.info(name) else {
            throw WeightError.missingTensor(location, tensor: name)
        }
        guard info.shape == shape else {
            throw WeightError.shapeMismatch(file.url, tensor: name, expected: shape, found: info.shape)
        }
        return file
    }

    private func markUsed(_ name: String) {
        lock.lock()
        used.insert(name)
        lock.unlock()
    }
}
