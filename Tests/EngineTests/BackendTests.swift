import XCTest
@testable import Engine

final class BackendTests: XCTestCase {
    /// The copying fallback for packed attention (what the CUDA backend runs) against the CPU kernel that
    /// reads the blocks in place, for a fused q/k/v projection and for keys shared by several query items.
    func testPackedAttentionFromCopiesMatchesTheInPlaceKernel() {
        var r = TestTensors(seed: 21)
        let cpu = CPUBackend.shared
        let qkv = r.tensor([4, 9, 3 * 8])
        let fromCopies = cpu.attentionFromCopies(query: qkv, queryColumns: 0..<8, keyValue: qkv,
                                                 keyColumns: 8..<16, valueColumns: 16..<24, heads: 2)
        let inPlace = cpu.attention(query: qkv, queryColumns: 0..<8, keyValue: qkv,
                                    keyColumns: 8..<16, valueColumns: 16..<24, heads: 2)
        XCTAssertEqual(fromCopies.shape, [4, 9, 8])
        XCTAssertLessThan(fromCopies.maxAbsDifference(inPlace), 1e-6)

        let query = r.tensor([6, 70, 8]), keyValue = r.tensor([2, 77, 16])
        let shared = cpu.attentionFromCopies(query: query, queryColumns: 0..<8, keyValue: keyValue,
                                             keyColumns: 0..<8, valueColumns: 8..<16, heads: 2)
        let sharedInPlace = cpu.attention(query: query, queryColumns: 0..<8, keyValue: keyValue,
                                          keyColumns: 0..<8, valueColumns: 8..<16, heads: 2)
        XCTAssertLessThan(shared.maxAbsDifference(sharedInPlace), 1e-6)
        // Query items 3..<6 read key item 1: the same queries against that item alone give their rows.
        let alone = cpu.attention(query: query.items(3..<6), queryColumns: 0..<8, keyValue: keyValue.items(1..<2),
                                  keyColumns: 0..<8, valueColumns: 8..<16, heads: 2)
        XCTAssertLessThan(alone.maxAbsDifference(sharedInPlace.items(3..<6)), 1e-6)
    }
}
