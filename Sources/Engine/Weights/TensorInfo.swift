/// Where one tensor lives in a safetensors file, as its validated header entry describes it.
public struct TensorInfo: Equatable, Sendable {
    public let name: String
    public let dtype: DType
    public let shape: [Int]
    /// The tensor's bytes as offsets from the start of the file (not of the data section).
    public let byteRange: Range<Int>

    public var elementCount: Int { shape.reduce(1, *) }
    public var byteCount: Int { byteRange.count }
}
