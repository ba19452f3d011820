import XCTest
@testable import Engine

final class BLASInfoTests: XCTestCase {
    func testReadsTheLinkedOpenBLAS() {
        let info = BLASInfo.current()
        XCTAssertTrue(info.config.hasPrefix("OpenBLAS "), info.config)
        XCTAssertNotNil(info.version)
        XCTAssertFalse(info.coreName.isEmpty)
        XCTAssertGreaterThanOrEqual(info.threads, 1)
        XCTAssertGreaterThanOrEqual(info.processors, 1)
    }

    func testVersionComesFromTheConfigString() {
        XCTAssertEqual(BLASInfo(config: "OpenBLAS 0.3.21 DYNAMIC_ARCH", coreName: "Zen", threads: 1, processors: 1).version, "0.3.21")
        XCTAssertNil(BLASInfo(config: "MKL", coreName: "", threads: 1, processors: 1).version)
    }
}
