import XCTest
@testable import Engine

final class CLIPTextModelTests: XCTestCase {
    func testTextStatesMatchTransformers() throws {
        guard let prompts = (try Fixtures.json("text_embeddings.json") as? [String: Any])?["prompts"] as? [String] else {
            return XCTFail("text_embeddings.json has no prompts")
        }
        for checkpoint in ["tiny-a", "tiny-b"] {
            let folder = try ModelFolder(url: Fixtures.checkpoint(checkpoint))
            let tokenizer = try CLIPTokenizer(folder: folder.componentURL("tokenizer"))
            let weights = try folder.weights("text_encoder")
            let model = try CLIPTextModel(config: folder.config(CLIPTextConfig.self, component: "text_encoder"), weights: weights)
            try weights.finish()
            let reference = try Fixtures.reference("text_embeddings-\(checkpoint).safetensors")
            for (i, prompt) in prompts.enumerated() {
                let states = try model(tokenizer.encode(prompt).ids)
                assertClose(states, try reference.tensor("prompt\(i)"), relative: 1e-4, "\(checkpoint) prompt \(i)")
            }
        }
    }

    func testRejectsTooManyTokensAndUnknownIds() throws {
        let folder = try ModelFolder(url: Fixtures.checkpoint("tiny-a"))
        let model = try CLIPTextModel(config: folder.config(CLIPTextConfig.self, component: "text_encoder"),
                                      weights: folder.weights("text_encoder"))
        XCTAssertThrowsError(try model([Int32](repeating: 1, count: 78)))
        XCTAssertThrowsError(try model([49406, 60000, 49407]))
    }
}
