import XCTest
@testable import Engine

final class BufferPoolTests: XCTestCase {
    func testSizeClassesRoundUpBySixteenthAtMost() {
        XCTAssertEqual(BufferPool.sizeClass(0), 1)
        XCTAssertEqual(BufferPool.sizeClass(1000), 1000, "small requests are left to malloc as they are")
        for count in [BufferPool.minimumCount, 100_003, 1 << 20, (1 << 20) + 1, 31_457_280, 33_554_431] {
            let rounded = BufferPool.sizeClass(count)
            XCTAssertGreaterThanOrEqual(rounded, count)
            XCTAssertLessThanOrEqual(Double(rounded), Double(count) * 17 / 16, "\(count)")
            XCTAssertEqual(BufferPool.sizeClass(rounded), rounded, "a class is its own class")
        }
        XCTAssertEqual(BufferPool.sizeClass(1 << 20), BufferPool.sizeClass((1 << 20) - 100), "near sizes share a class")
    }

    func testReleasedBufferIsReusedForTheSameClass() {
        let pool = BufferPool(capacityBytes: 64 << 20)
        let count = 300_000
        let first = pool.acquire(count)
        first[count - 1] = 42
        pool.release(first, count: count)
        XCTAssertEqual(pool.idleByteCount, BufferPool.sizeClass(count) * 4)
        let other = pool.acquire(count * 2)
        XCTAssertNotEqual(other, first, "another class does not take it")
        let again = pool.acquire(count - 10)
        XCTAssertEqual(again, first)
        XCTAssertEqual(pool.idleByteCount, 0)
        pool.release(again, count: count - 10)
        pool.release(other, count: count * 2)
        pool.drain()
        XCTAssertEqual(pool.idleByteCount, 0)
    }

    func testIdleMemoryStaysWithinCapacityOldestGoingFirst() {
        let count = 1 << 18                                 // 1 MiB each
        let pool = BufferPool(capacityBytes: 2 << 20)
        let buffers = (0..<3).map { _ in pool.acquire(count) }
        buffers.forEach { pool.release($0, count: count) }
        XCTAssertEqual(pool.idleByteCount, 2 << 20)
        let reused = Set([pool.acquire(count), pool.acquire(count)])
        XCTAssertEqual(reused, Set(buffers.suffix(2)), "the two newest stay; the oldest went back to the system")
        reused.forEach { pool.release($0, count: count) }
        pool.drain()
    }

    func testBuffersLargerThanTheCapacityAreNotKept() {
        let pool = BufferPool(capacityBytes: 1 << 20)
        let count = 1 << 19                                 // 2 MiB
        pool.release(pool.acquire(count), count: count)
        XCTAssertEqual(pool.idleByteCount, 0)
    }

    func testTensorsRecycleStorageThroughTheSharedPool() {
        let shape = [3, 100_000]
        var address: UnsafeMutablePointer<Float>?
        do {
            let tensor = Tensor(uninitialized: shape)
            address = tensor.pointer
        }
        let next = Tensor(zeros: shape)
        XCTAssertEqual(next.pointer, address)
        XCTAssertEqual(next.maxAbs(), 0, "a recycled buffer is still initialised by its maker")
    }
}
