import Foundation

/// Everything that can go wrong while finding, mapping, validating or taking checkpoint weights.
/// Each case carries the file (and tensor) a user needs to find and fix the problem.
public enum WeightError: Error, CustomStringConvertible, Equatable {
    /// A file (or component folder) that should exist does not.
    case fileMissing(URL)
    /// The file exists but cannot be opened or mapped (permissions, a directory, an I/O error).
    case unreadable(URL, reason: String)
    /// The file has zero bytes.
    case emptyFile(URL)
    /// The file ends before a part that its own header promises.
    case truncated(URL, expected: Int, found: Int)
    /// The safetensors header is not the JSON object the format describes.
    case badHeader(URL, reason: String)
    /// A tensor's dtype is not a safetensors dtype this reader knows.
    case unknownDType(URL, tensor: String, dtype: String)
    /// A tensor's data_offsets leave the data section (or are reversed).
    case offsetsOutOfRange(URL, tensor: String, begin: Int, end: Int, dataSize: Int)
    /// Two tensors claim some of the same bytes.
    case overlapping(URL, String, String)
    /// A tensor's byte length disagrees with its shape and dtype.
    case sizeMismatch(URL, tensor: String, expectedBytes: Int, foundBytes: Int)
    /// Model code asked for a tensor that the checkpoint does not have.
    case missingTensor(URL, tensor: String)
    /// The checkpoint's tensor has a different shape than the model expects.
    case shapeMismatch(URL, tensor: String, expected: [Int], found: [Int])
    /// The checkpoint holds tensors that the model never took (a wrong or mismatched checkpoint).
    case unexpectedTensors(URL, names: [String])
    /// The tensor exists but its dtype (an integer or bool buffer) cannot become float32 weights.
    case notLoadable(URL, tensor: String, dtype: String)
    /// The same tensor name appears in two shards of one component.
    case duplicateTensor(URL, tensor: String, alsoIn: URL)
    /// A `*.safetensors.index.json` shard index is malformed.
    case badIndex(URL, reason: String)
    /// A component folder holds no weight file this reader looks for.
    case noWeights(URL, lookedFor: [String])
    /// The weights exist only in a format this reader does not read (PyTorch pickles).
    case unsupportedFormat(URL, reason: String)
    /// A JSON config (config.json, model_index.json, scheduler_config.json…) cannot be decoded.
    case badConfig(URL, reason: String)
    /// A zip archive (a PyTorch checkpoint) whose directory or entries cannot be read.
    case badArchive(URL, reason: String)
    /// A PyTorch pickle that is malformed or uses something outside what a state dict of tensors needs.
    case badPickle(URL, reason: String)
    /// A pickle that asks for a callable outside the allow-list; it is never called.
    case refusedCallable(URL, name: String)
    /// A ModelScope folder with neither a tokenizer/ folder nor OpenCLIP's vocabulary file.
    case missingTokenizer(URL)

    public var description: String {
        switch self {
        case .fileMissing(let url):
            return "missing file: \(url.path)"
        case .unreadable(let url, let reason):
            return "cannot read \(url.path): \(reason)"
        case .emptyFile(let url):
            return "empty file: \(url.path)"
        case .truncated(let url, let expected, let found):
            return "truncated file \(url.path): needs at least \(expected) bytes, has \(found)"
        case .badHeader(let url, let reason):
            return "bad safetensors header in \(url.path): \(reason)"
        case .unknownDType(let url, let tensor, let dtype):
            return "tensor '\(tensor)' in \(url.path) has unknown dtype '\(dtype)'"
        case .offsetsOutOfRange(let url, let tensor, let begin, let end, let dataSize):
            return "tensor '\(tensor)' in \(url.path) has data_offsets [\(begin), \(end)] outside the data section of \(dataSize) bytes"
        case .overlapping(let url, let first, let second):
            return "tensors '\(first)' and '\(second)' in \(url.path) overlap"
        case .sizeMismatch(let url, let tensor, let expectedBytes, let foundBytes):
            return "tensor '\(tensor)' in \(url.path): shape and dtype need \(expectedBytes) bytes, data_offsets give \(foundBytes)"
        case .missingTensor(let url, let tensor):
            return "tensor '\(tensor)' not found in \(url.path)"
        case .shapeMismatch(let url, let tensor, let expected, let found):
            return "tensor '\(tensor)' in \(url.path) has shape \(found), expected \(expected)"
        case .unexpectedTensors(let url, let names):
            let shown = names.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            let more = names.count > 5 ? ", …" : ""
            return "\(names.count) unexpected tensor\(names.count == 1 ? "" : "s") in \(url.path) (not used by the model): \(shown)\(more)"
        case .notLoadable(let url, let tensor, let dtype):
            return "tensor '\(tensor)' in \(url.path) is \(dtype), which cannot be loaded as float weights (F32, F16 or BF16 needed)"
        case .duplicateTensor(let url, let tensor, let other):
            return "tensor '\(tensor)' appears in both \(url.path) and \(other.path)"
        case .badIndex(let url, let reason):
            return "bad shard index \(url.path): \(reason)"
        case .noWeights(let url, let lookedFor):
            let named = lookedFor.prefix(2).joined(separator: " or ")
            let variants = lookedFor.count > 2 ? ", or their fp16 / sharded variants" : ""
            return "no weights in \(url.path) (looked for \(named)\(variants))"
        case .unsupportedFormat(let url, let reason):
            return "unsupported weights in \(url.path): \(reason)"
        case .badConfig(let url, let reason):
            return "bad config \(url.path): \(reason)"
        case .badArchive(let url, let reason):
            return "bad PyTorch checkpoint archive \(url.path): \(reason)"
        case .badPickle(let url, let reason):
            return "bad PyTorch pickle in \(url.path): \(reason)"
        case .missingTokenizer(let url):
            return "no tokenizer for \(url.path): put OpenCLIP's bpe_simple_vocab_16e6.txt.gz (in the open_clip_torch package, open_clip/bpe_simple_vocab_16e6.txt.gz) in that folder, or the CLIP tokenizer files (vocab.json, merges.txt, tokenizer_config.json, e.g. damo-vilab/text-to-video-ms-1.7b's tokenizer/) in \(url.appendingPathComponent("tokenizer").path)"
        case .refusedCallable(let url, let name):
            return "refused to load \(url.path): its pickle asks for '\(name)', which a checkpoint of tensors never needs (only collections.OrderedDict, torch tensor rebuilding and storage types are allowed; nothing from the file is run)"
        }
    }
}
