import Foundation

/// Picks the weight file of a component folder, by the names diffusers (`diffusion_pytorch_model…`)
/// and transformers (`model…`) save: full precision or the `fp16` variant, one file or a shard index;
/// safetensors first, PyTorch checkpoints (read by the restricted `TorchCheckpoint`) last.
enum WeightFileLocator {
    enum Choice: Equatable {
        case single(URL)
        case sharded(index: URL)

        var url: URL {
            switch self {
            case .single(let url), .sharded(let url): return url
            }
        }
    }

    private static let stems = ["diffusion_pytorch_model", "model"]

    /// File names in the order they are tried. The requested precision comes first and the other one
    /// is the fallback, so a folder holding only fp16 files loads either way; within a precision a
    /// single file wins over a shard index. The fp16 index is written `X.safetensors.index.fp16.json`
    /// by diffusers and transformers (`_add_variant` puts the variant before the last extension);
    /// `X.fp16.safetensors.index.json` is accepted too.
    static func candidates(preferFP16: Bool) -> [String] {
        let full = stems.map { "\($0).safetensors" } + stems.map { "\($0).safetensors.index.json" }
        let half = stems.map { "\($0).fp16.safetensors" }
            + stems.flatMap { ["\($0).safetensors.index.fp16.json", "\($0).fp16.safetensors.index.json"] }
        return preferFP16 ? half + full : full + half
    }

    /// PyTorch checkpoints under the names diffusers and transformers save them (older models, e.g.
    /// Zeroscope, ship only these), tried after every safetensors name, in the same precision order.
    static func pickleCandidates(preferFP16: Bool) -> [String] {
        let pickleStems = ["diffusion_pytorch_model", "pytorch_model"]
        let full = pickleStems.map { "\($0).bin" } + pickleStems.map { "\($0).bin.index.json" }
        let half = pickleStems.map { "\($0).fp16.bin" } + pickleStems.map { "\($0).bin.index.fp16.json" }
        return preferFP16 ? half + full : full + half
    }

    /// Extensions of PyTorch checkpoints, to name them when none has a name studio looks for.
    private static let pickleExtensions: Set<String> = ["bin", "pth", "pt", "ckpt"]

    static func locate(in folder: URL, preferFP16: Bool) throws -> Choice {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw WeightError.fileMissing(folder)
        }
        guard isDirectory.boolValue else {
            throw WeightError.unreadable(folder, reason: "expected a component folder, found a file")
        }
        let names = candidates(preferFP16: preferFP16)
        for name in names + pickleCandidates(preferFP16: preferFP16) {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            return name.hasSuffix(".json") ? .sharded(index: url) : .single(url)
        }

        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let pickles = present.filter { pickleExtensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        if !pickles.isEmpty {
            throw WeightError.unsupportedFormat(folder, reason: "only PyTorch files under names studio does not look for (\(pickles.joined(separator: ", "))); expected diffusion_pytorch_model.safetensors / .bin or model.safetensors / pytorch_model.bin")
        }
        throw WeightError.noWeights(folder, lookedFor: names)
    }

    /// A weight file opened by its kind: a PyTorch checkpoint (`.bin`, `.pth`, `.pt`, `.ckpt`) or safetensors.
    static func open(_ url: URL) throws -> any TensorSource {
        if pickleExtensions.contains(url.pathExtension.lowercased()) { return try TorchCheckpoint(url: url) }
        return try SafeTensorsFile(url: url)
    }
}
