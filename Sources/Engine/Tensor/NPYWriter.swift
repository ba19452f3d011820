import Foundation

/// Writes float32 arrays as NumPy .npy version 1.0 files (little-endian, C order).
public enum NPYWriter {
    public static func data(_ tensor: Tensor) -> Data {
        let shape = tensor.shape.map(String.init).joined(separator: ", ") + (tensor.rank == 1 ? "," : "")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(shape)), }"
        // Magic (6) + version (2) + length (2) + header + newline must be a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        let body = UnsafeBufferPointer(start: tensor.pointer, count: tensor.count)
        body.withMemoryRebound(to: UInt8.self) { data.append(contentsOf: $0) }
        return data
    }

    /// Writes atomically: a reader never sees a half-written file.
    public static func write(_ tensor: Tensor, to url: URL) throws {
        try data(tensor).write(to: url, options: .atomic)
    }
}
