import XCTest
@testable import TUI

final class WakePipeTests: XCTestCase {
    func testBytesComeBackInOrderAndDrainEmptiesThePipe() throws {
        let pipe = try WakePipe()
        pipe.wake(2)
        pipe.wake(15)
        XCTAssertEqual(pipe.drain(), [2, 15])
        XCTAssertEqual(pipe.drain(), [])
    }

    func testAFullPipeDoesNotBlock() throws {
        let pipe = try WakePipe()
        for _ in 0..<100_000 { pipe.wake() }  // far beyond the pipe's buffer
        XCTAssertGreaterThan(pipe.drain().count, 0)
    }
}
