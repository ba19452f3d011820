import XCTest
@testable import Engine

final class DynamicLibraryTests: XCTestCase {
    func testOpensTheFirstCandidateThatExistsAndCallsAFunction() throws {
        let library = try DynamicLibrary(candidates: ["libstudio-no-such-library.so.9", "libm.so.6"])
        XCTAssertEqual(library.name, "libm.so.6")
        typealias Cosine = @convention(c) (Double) -> Double
        let cosine = try library.function("cos", as: Cosine.self)
        XCTAssertEqual(cosine(0), 1)
        XCTAssertEqual(cosine(.pi), -1, accuracy: 1e-12)
    }

    func testMissingLibraryNamesEveryCandidate() {
        XCTAssertThrowsError(try DynamicLibrary(candidates: ["libstudio-missing-a.so", "libstudio-missing-b.so.1"])) { error in
            let reason = (error as? BackendUnavailable)?.reason ?? ""
            XCTAssertTrue(reason.hasPrefix("cannot load libstudio-missing-a.so or libstudio-missing-b.so.1"), reason)
            XCTAssertTrue(reason.contains("libstudio-missing-b.so.1: cannot open shared object file"), reason)
        }
    }

    func testMissingSymbolNamesLibraryAndSymbol() throws {
        let library = try DynamicLibrary(candidates: ["libm.so.6"])
        typealias Nothing = @convention(c) () -> Void
        XCTAssertThrowsError(try library.function("studio_no_such_symbol", as: Nothing.self)) { error in
            let reason = (error as? BackendUnavailable)?.reason ?? ""
            XCTAssertTrue(reason.hasPrefix("libm.so.6 has no studio_no_such_symbol"), reason)
        }
    }
}
