import Foundation

/// A short hash that tells one model's weights from another's, cheap enough to take on every load of a 3.4 GB
/// model: SHA-256 over, for each weight file the pipeline loads (text encoder, UNet, VAE), its component and name,
/// its size, its index, and 16 blocks of 64 KiB sampled evenly through the tensor data. The index is the whole
/// safetensors header (every tensor's name, dtype, shape and offset), or for a PyTorch checkpoint (a zip) its
/// last 64 KiB, where the zip's directory keeps each tensor file's CRC-32. The samples tell retrained weights of the
/// same shapes apart. It is a fingerprint, not a full-content checksum: it reads about 3 MB, not gigabytes.
public enum WeightsFingerprint {
    static let components = ["text_encoder", "unet", "vae"]
    static let sampleCount = 16
    static let sampleBytes = 64 << 10

    /// "sha256:" and the first 16 hex digits (64 bits: plenty to tell models apart, short enough to read).
    public static func compute(folder: ModelFolder, preferFP16: Bool = false) throws -> String {
        var hash = SHA256()
        for component in components {
            let weights = try folder.weights(component, preferFP16: preferFP16)
            for file in weights.files {
                hash.update(Array("\(component)/\(file.url.lastPathComponent)\u{0}\(file.fileSize)\u{0}".utf8))
                try fold(file.url, size: file.fileSize, isSafeTensors: file is SafeTensorsFile, into: &hash)
            }
        }
        return "sha256:" + SHA256.hex(hash.finalize()).prefix(16)
    }

    private static func fold(_ url: URL, size: Int, isSafeTensors: Bool, into hash: inout SHA256) throws {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw WeightError.unreadable(url, reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        func read(at offset: Int, count: Int) throws -> Data {
            do {
                try handle.seek(toOffset: UInt64(offset))
                return try handle.read(upToCount: count) ?? Data()
            } catch {
                throw WeightError.unreadable(url, reason: error.localizedDescription)
            }
        }
        var dataStart = 0
        if isSafeTensors {
            let prefix = [UInt8](try read(at: 0, count: 8))
            guard prefix.count == 8 else { throw WeightError.unreadable(url, reason: "shorter than a safetensors header") }
            let headerLength = prefix.enumerated().reduce(0) { $0 | Int($1.element) << ($1.offset * 8) }
            dataStart = 8 + headerLength
            guard headerLength >= 0, dataStart <= size else {
                throw WeightError.unreadable(url, reason: "header length \(headerLength) runs past the end of the file")
            }
            hash.update(try read(at: 8, count: headerLength))
        } else {
            hash.update(try read(at: max(0, size - sampleBytes), count: sampleBytes))
        }
        let dataLength = size - dataStart
        if dataLength <= sampleCount * sampleBytes {
            hash.update(try read(at: dataStart, count: dataLength))
            return
        }
        let stride = (dataLength - sampleBytes) / (sampleCount - 1)
        for index in 0..<sampleCount {
            hash.update(try read(at: dataStart + index * stride, count: sampleBytes))
        }
    }
}
