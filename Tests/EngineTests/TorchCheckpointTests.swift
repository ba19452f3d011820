import Foundation
import XCTest
@testable import Engine

final class TorchCheckpointTests: XCTestCase {
    private func torchFixture(_ name: String) -> URL { Fixtures.root.appendingPathComponent("torch/\(name)") }

    func testViewsHonourStridesOffsetsSharedStorageAndHalfTypes() throws {
        let checkpoint = try TorchCheckpoint(url: torchFixture("views.pth"))
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: torchFixture("views.json"))) as! [String: Any]
        // "epoch" beside "state_dict" is not a tensor and is skipped.
        XCTAssertEqual(checkpoint.names, expected.keys.sorted())
        for (name, value) in expected {
            let flat = Self.flatten(value)
            let tensor = try checkpoint.tensor(name)
            XCTAssertEqual(tensor.scalars, flat, name)
            XCTAssertEqual(tensor.count, flat.count, name)
        }
        XCTAssertEqual(checkpoint.info("transposed")?.shape, [4, 3])
        XCTAssertEqual(checkpoint.info("half")?.dtype, .f16)
        XCTAssertEqual(checkpoint.info("brain")?.dtype, .bf16)
        XCTAssertEqual(checkpoint.info("scalar")?.shape, [])
    }

    func testLargeContiguousHalfTensorsStayMappedAsParameters() throws {
        // A threshold of 1 element makes the fixture's small tensors count as large.
        let checkpoint = try TorchCheckpoint(url: torchFixture("views.pth"), widenOnUseMinimumCount: 1)
        for name in ["half", "brain"] {
            let parameter = try checkpoint.parameter(name)
            XCTAssertTrue(parameter.isWidenedOnUse, name)
            XCTAssertEqual(parameter.withTensor(\.scalars), try checkpoint.tensor(name).scalars, name)
        }
        XCTAssertFalse(try checkpoint.parameter("matrix").isWidenedOnUse, "F32 borrows the mapping instead")
        XCTAssertFalse(try checkpoint.parameter("transposed").isWidenedOnUse, "strided views are gathered once")
        let byDefault = try TorchCheckpoint(url: torchFixture("views.pth"))
        XCTAssertFalse(try byDefault.parameter("half").isWidenedOnUse, "4 elements are converted at load")
        XCTAssertThrowsError(try checkpoint.parameter("absent"))
    }

    func testTensorsEqualTheSafetensorsTheyWereWrittenFrom() throws {
        let checkpoint = try TorchCheckpoint(url: Fixtures.checkpoint("tiny-a-modelscope").appendingPathComponent("VQGAN_autoencoder.pth"))
        let tensor = try checkpoint.tensor("decoder.conv_in.weight")
        XCTAssertEqual(tensor.shape, [8, 4, 3, 3])
        let reference = try SafeTensorsFile(url: Fixtures.checkpoint("tiny-a").appendingPathComponent("vae/diffusion_pytorch_model.safetensors"))
        XCTAssertEqual(tensor.scalars, try reference.tensor("decoder.conv_in.weight").scalars)
    }

    func testCheckpointsThatAskForOtherCallablesAreRefusedBeforeAnythingRuns() {
        let marker = "/tmp/studio-pwned"
        try? FileManager.default.removeItem(atPath: marker)
        for (file, callable) in [("os-system.pth", "os.system"), ("builtins-eval.pth", "builtins.eval"),
                                 ("torch-load.pth", "torch.serialization.load")] {
            XCTAssertThrowsError(try TorchCheckpoint(url: torchFixture(file))) { error in
                XCTAssertEqual(error as? WeightError, .refusedCallable(torchFixture(file), name: callable))
                XCTAssertTrue("\(error)".contains(callable))
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }

    func testNotAZipAndLegacyPicklesSayWhatTheyAre() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("torch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("notes.pth")
        try Data(repeating: 0x41, count: 100).write(to: text)
        XCTAssertThrowsError(try TorchCheckpoint(url: text)) { error in
            guard case .badArchive(let url, _)? = error as? WeightError else { return XCTFail("\(error)") }
            XCTAssertEqual(url, text)
        }
        let legacy = folder.appendingPathComponent("old.pth")
        try Data([0x80, 2, 0x8A, 0x0A] + [UInt8](repeating: 0, count: 40)).write(to: legacy)
        XCTAssertThrowsError(try TorchCheckpoint(url: legacy)) { error in
            guard case .unsupportedFormat(_, let reason)? = error as? WeightError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("legacy"))
        }
    }

    func testTruncatedArchiveIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("torch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Data(contentsOf: torchFixture("views.pth"))
        let cut = folder.appendingPathComponent("cut.pth")
        try data.prefix(data.count / 2).write(to: cut)
        XCTAssertThrowsError(try TorchCheckpoint(url: cut)) { error in
            XCTAssertNotNil(error as? WeightError)
        }
    }

    private static func flatten(_ value: Any) -> [Float] {
        if let list = value as? [Any] { return list.flatMap(flatten) }
        return [Float((value as! NSNumber).doubleValue)]
    }
}

/// Damaged checkpoints end in an error, never in a crash or a huge allocation.
final class TorchCheckpointDamageTests: XCTestCase {
    func testTruncatedAndBitFlippedCheckpointsFailCleanly() throws {
        let original = [UInt8](try Data(contentsOf: Fixtures.root.appendingPathComponent("torch/views.pth")))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("torch-damage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SystemRandomNumberGenerator()
        var variants: [[UInt8]] = stride(from: 1, to: original.count, by: 37).map { Array(original.prefix($0)) }
        for _ in 0..<300 {
            var bytes = original
            let position = Int.random(in: 0..<bytes.count, using: &random)
            bytes[position] ^= UInt8.random(in: 1...255, using: &random)
            variants.append(bytes)
        }
        var opened = 0
        for (index, bytes) in variants.enumerated() {
            let url = folder.appendingPathComponent("\(index).pth")
            try Data(bytes).write(to: url)
            guard let checkpoint = try? TorchCheckpoint(url: url) else { continue }
            opened += 1
            for name in checkpoint.names { _ = try? checkpoint.tensor(name) }
        }
        XCTAssertLessThan(opened, variants.count, "some damage must be noticed")
    }
}
