import XCTest
@testable import Engine

final class TensorActivationTests: XCTestCase {
    func testGeluSiluAndGeglu() {
        let x = Tensor(shape: [1, 4], values: [-1, 0, 1, 2])
        // Reference values of torch.nn.functional.gelu (erf form) and silu.
        let gelu = x.gelu().scalars, silu = x.silu().scalars
        for (got, want) in zip(gelu, [-0.15865525, 0, 0.8413447, 1.9544997] as [Float]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        for (got, want) in zip(silu, [-0.26894142, 0, 0.7310586, 1.7615942] as [Float]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        // GEGLU: value half times GELU of the gate half.
        XCTAssertEqual(x.geglu().scalars[0], -1 * 0.8413447, accuracy: 1e-6)
        XCTAssertEqual(x.geglu().scalars[1], 0, accuracy: 1e-6)
    }
}
