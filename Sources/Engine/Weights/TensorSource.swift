import Foundation

/// A file of named tensors that model code can take float32 weights from: a safetensors file, a
/// PyTorch zip checkpoint, or a renaming view of one (the ModelScope layout).
public protocol TensorSource: AnyObject, Sendable {
    /// The file named in messages.
    var url: URL { get }
    /// Tensor names, sorted.
    var names: [String] { get }
    /// The file's size on disk in bytes.
    var fileSize: Int { get }
    func info(_ name: String) -> TensorInfo?
    /// The named tensor as float32.
    func tensor(_ name: String) throws -> Tensor
    /// The named tensor as a layer parameter; sources that can widen at use keep large tensors unconverted.
    func parameter(_ name: String) throws -> Parameter
}

extension TensorSource {
    public func contains(_ name: String) -> Bool { info(name) != nil }

    public func parameter(_ name: String) throws -> Parameter { Parameter(try tensor(name)) }

    /// Total bytes of tensor data.
    public var tensorBytes: Int { names.reduce(0) { $0 + (info($1)?.byteCount ?? 0) } }
}

extension SafeTensorsFile: TensorSource {}
