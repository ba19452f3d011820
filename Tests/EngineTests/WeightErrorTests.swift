import Foundation
import XCTest
@testable import Engine

final class WeightErrorTests: XCTestCase {
    private let file = URL(fileURLWithPath: "/models/t2v/unet/diffusion_pytorch_model.safetensors")
    private let other = URL(fileURLWithPath: "/models/t2v/unet/diffusion_pytorch_model-00002-of-00002.safetensors")

    /// Every case: one line, naming the file, plus the tensor / numbers that locate the problem.
    func testEveryDescriptionIsOneLineNamingWhatAndWhere() {
        let cases: [(WeightError, [String])] = [
            (.fileMissing(file), []),
            (.unreadable(file, reason: "Permission denied"), ["Permission denied"]),
            (.emptyFile(file), ["empty"]),
            (.truncated(file, expected: 1000, found: 10), ["1000", "10"]),
            (.badHeader(file, reason: "invalid JSON"), ["invalid JSON"]),
            (.unknownDType(file, tensor: "conv_in.weight", dtype: "Q4"), ["conv_in.weight", "Q4"]),
            (.offsetsOutOfRange(file, tensor: "conv_in.weight", begin: 8, end: 99, dataSize: 40), ["conv_in.weight", "[8, 99]", "40"]),
            (.overlapping(file, "a.weight", "b.weight"), ["a.weight", "b.weight"]),
            (.sizeMismatch(file, tensor: "conv_in.weight", expectedBytes: 48, foundBytes: 40), ["conv_in.weight", "48", "40"]),
            (.missingTensor(file, tensor: "conv_in.weight"), ["conv_in.weight"]),
            (.shapeMismatch(file, tensor: "conv_in.weight", expected: [320, 4, 3, 3], found: [320, 4, 1, 1]), ["conv_in.weight", "[320, 4, 3, 3]", "[320, 4, 1, 1]"]),
            (.unexpectedTensors(file, names: ["x.a", "x.b"]), ["2 unexpected", "x.a", "x.b"]),
            (.notLoadable(file, tensor: "position_ids", dtype: "I64"), ["position_ids", "I64"]),
            (.duplicateTensor(file, tensor: "conv_in.weight", alsoIn: other), ["conv_in.weight", "00002-of-00002"]),
            (.badIndex(file, reason: "weight_map is empty"), ["weight_map is empty"]),
            (.noWeights(file.deletingLastPathComponent(), lookedFor: ["diffusion_pytorch_model.safetensors", "model.safetensors", "model.fp16.safetensors"]),
             ["diffusion_pytorch_model.safetensors", "model.safetensors", "fp16"]),
            (.unsupportedFormat(file.deletingLastPathComponent(), reason: "only pickles"), ["only pickles"]),
            (.badConfig(file, reason: "block_out_channels: missing key"), ["block_out_channels"]),
            (.badArchive(file, reason: "no data.pkl entry"), ["archive", "data.pkl"]),
            (.badPickle(file, reason: "unsupported opcode 0x69"), ["pickle", "0x69"]),
            (.refusedCallable(file, name: "os.system"), ["refused", "os.system"]),
        ]
        for (error, mentions) in cases {
            let text = error.description
            XCTAssertFalse(text.contains("\n"), text)
            XCTAssertTrue(text.contains("/models/t2v/unet"), "no location in: \(text)")
            for mention in mentions { XCTAssertTrue(text.contains(mention), "'\(text)' lacks '\(mention)'") }
        }
    }

    func testLongUnexpectedListIsShortenedButCounted() {
        let names = (0..<40).map { "extra.\($0).weight" }
        let text = WeightError.unexpectedTensors(file, names: names).description
        XCTAssertTrue(text.contains("40 unexpected tensors"), text)
        XCTAssertTrue(text.contains("extra.4.weight") && !text.contains("extra.5.weight"), text)
        XCTAssertTrue(text.hasSuffix("…"), text)
    }
}
