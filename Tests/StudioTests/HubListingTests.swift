import Foundation
import XCTest
@testable import Studio

final class HubListingTests: XCTestCase {
    private let listing = HubListing(commit: "c0ffee", files: [
        "README.md", ".gitattributes", "model_index.json", "scheduler/scheduler_config.json",
        "text_encoder/config.json", "text_encoder/model.safetensors", "text_encoder/model.fp16.safetensors",
        "text_encoder/pytorch_model.bin", "tokenizer/merges.txt", "tokenizer/vocab.json", "tokenizer/tokenizer_config.json",
        "unet/config.json", "unet/diffusion_pytorch_model.safetensors.index.json",
        "unet/diffusion_pytorch_model-00001-of-00002.safetensors", "unet/diffusion_pytorch_model-00002-of-00002.safetensors",
        "unet/diffusion_pytorch_model.fp16.safetensors", "unet/diffusion_pytorch_model.bin",
        "vae/config.json", "vae/diffusion_pytorch_model.safetensors", "samples/a.gif",
    ].map { HubListing.File(path: $0, size: 1, blobID: "b", lfs: nil) })

    func testTheFP16VariantIsTakenWherePresent() {
        XCTAssertEqual(listing.selection(preferFP16: true).map(\.path), [
            "model_index.json", "scheduler/scheduler_config.json",
            "text_encoder/config.json", "text_encoder/model.fp16.safetensors",
            "tokenizer/merges.txt", "tokenizer/tokenizer_config.json", "tokenizer/vocab.json",
            "unet/config.json", "unet/diffusion_pytorch_model.fp16.safetensors",
            "vae/config.json", "vae/diffusion_pytorch_model.safetensors",
        ])
    }

    func testFullPrecisionTakesTheShardsWithTheirIndex() {
        XCTAssertEqual(listing.selection(preferFP16: false).filter { $0.path.hasPrefix("unet/") }.map(\.path), [
            "unet/config.json", "unet/diffusion_pytorch_model-00001-of-00002.safetensors",
            "unet/diffusion_pytorch_model-00002-of-00002.safetensors", "unet/diffusion_pytorch_model.safetensors.index.json",
        ])
    }

    func testTheAPIAnswerDecodes() throws {
        let json = #"{"id": "o/n", "sha": "abc123", "siblings": [{"rfilename": "model_index.json", "size": 10, "blobId": "9f"},"#
            + #" {"rfilename": "unet/x.safetensors", "size": 5, "blobId": "aa", "lfs": {"sha256": "deadbeef", "size": 5, "pointerSize": 130}}]}"#
        let decoded = try JSONDecoder().decode(HubListing.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.commit, "abc123")
        XCTAssertEqual(decoded.files[0].blobName, "9f")
        XCTAssertEqual(decoded.files[1].blobName, "deadbeef")
        XCTAssertEqual(decoded.files[1].expectedSize, 5)
    }

    func testAFolderWithOnlyPyTorchFilesTakesThem() {
        let zeroscope = HubListing(commit: "c", files: [
            "unet/config.json", "unet/diffusion_pytorch_model.bin", "text_encoder/pytorch_model.bin",
            "text_encoder/pytorch_model.fp16.bin", "vae/diffusion_pytorch_model.bin", "vae/diffusion_pytorch_model.safetensors",
            "zs2_576w/text2video_pytorch_model.pth",
        ].map { HubListing.File(path: $0, size: 1, blobID: "b", lfs: nil) })
        XCTAssertEqual(zeroscope.selection(preferFP16: true).map(\.path), [
            "text_encoder/pytorch_model.fp16.bin", "unet/config.json", "unet/diffusion_pytorch_model.bin",
            "vae/diffusion_pytorch_model.safetensors",
        ])
    }
}
