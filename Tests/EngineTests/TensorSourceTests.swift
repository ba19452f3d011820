import Foundation
import XCTest
@testable import Engine

final class TensorSourceTests: XCTestCase {
    func testContainsAndTensorBytesComeFromInfo() throws {
        let sources: [any TensorSource] = [
            try TorchCheckpoint(url: Fixtures.root.appendingPathComponent("torch/views.pth")),
            try SafeTensorsFile(url: Fixtures.checkpoint("tiny-a").appendingPathComponent("vae/diffusion_pytorch_model.safetensors")),
        ]
        for source in sources {
            XCTAssertTrue(source.names.allSatisfy(source.contains))
            XCTAssertFalse(source.contains("not.a.tensor"))
            XCTAssertEqual(source.tensorBytes, source.names.reduce(0) { $0 + source.info($1)!.byteCount })
            XCTAssertGreaterThan(source.tensorBytes, 0)
            XCTAssertLessThan(source.tensorBytes, source.fileSize)
        }
        // views.pth counts the storage each view spans: matrix 12, transposed 12, tail 6, the stride-4
        // column 9, parameter 2, scalar 1 F32 elements; 4 F16 and 3 BF16 ones.
        XCTAssertEqual(sources[0].tensorBytes, (12 + 12 + 6 + 9 + 2 + 1) * 4 + 4 * 2 + 3 * 2)
    }
}
