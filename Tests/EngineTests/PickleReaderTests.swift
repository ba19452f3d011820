import Foundation
import XCTest
@testable import Engine

final class PickleReaderTests: XCTestCase {
    private let url = URL(fileURLWithPath: "/models/x/data.pkl")

    private func read(_ bytes: [UInt8]) throws -> PickleValue { try PickleReader.read(bytes, url: url) }

    private func global(_ module: String, _ name: String) -> [UInt8] { [0x63] + Array("\(module)\n\(name)\n".utf8) }

    func testReadsAnOrderedDictOfTensorsBuiltFromStorageReferences() throws {
        // OrderedDict() with one entry "w" → _rebuild_tensor_v2(('storage', HalfStorage, '0', 'cpu', 6), 2, (2, 2), (2, 1), False, OrderedDict())
        var bytes: [UInt8] = [0x80, 2] + global("collections", "OrderedDict") + [0x71, 0, 0x29, 0x52, 0x28]
        bytes += [0x58, 1, 0, 0, 0] + Array("w".utf8)
        bytes += global("torch._utils", "_rebuild_tensor_v2") + [0x28, 0x28]
        bytes += [0x58, 7, 0, 0, 0] + Array("storage".utf8) + global("torch", "HalfStorage")
        bytes += [0x58, 1, 0, 0, 0] + Array("0".utf8) + [0x58, 3, 0, 0, 0] + Array("cpu".utf8) + [0x4B, 6, 0x74, 0x51]
        bytes += [0x4B, 2, 0x4B, 2, 0x4B, 2, 0x86, 0x4B, 2, 0x4B, 1, 0x86, 0x89, 0x68, 0, 0x29, 0x52, 0x74, 0x52]
        bytes += [0x75, 0x2E]
        guard case .dict(let dict) = try read(bytes) else { return XCTFail("not a dict") }
        XCTAssertEqual(dict.items.count, 1)
        XCTAssertEqual(dict.items[0].key.string, "w")
        guard case .tensor(let tensor) = dict.items[0].value else { return XCTFail("not a tensor") }
        XCTAssertEqual(tensor, TorchTensorReference(storage: TorchStorageReference(key: "0", dtype: .f16, count: 6),
                                                    offset: 2, shape: [2, 2], strides: [2, 1]))
    }

    func testNumbersAndStringsDecode() throws {
        let bytes: [UInt8] = [0x80, 2, 0x28, 0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x4D, 0x34, 0x12, 0x8A, 2, 0x00, 0x80,
                              0x47, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0, 0x8C, 2, 0xC3, 0xA9, 0x88, 0x4E, 0x74, 0x2E]
        guard case .tuple(let items) = try read(bytes) else { return XCTFail("not a tuple") }
        XCTAssertEqual(items[0].int, -1)
        XCTAssertEqual(items[1].int, 0x1234)
        XCTAssertEqual(items[2].int, -32768)
        guard case .float(let value) = items[3] else { return XCTFail("not a float") }
        XCTAssertEqual(value, 1.5)
        XCTAssertEqual(items[4].string, "é")
        guard case .bool(true) = items[5], case .none = items[6] else { return XCTFail("bool/none") }
    }

    func testAnyOtherGlobalIsRefusedByName() {
        for (module, name) in [("os", "system"), ("builtins", "eval"), ("subprocess", "Popen"), ("torch", "load"),
                               ("collections", "defaultdict")] {
            let bytes: [UInt8] = [0x80, 2] + global(module, name) + [0x58, 2, 0, 0, 0, 0x6C, 0x73, 0x85, 0x52, 0x2E]
            XCTAssertThrowsError(try read(bytes)) { error in
                XCTAssertEqual(error as? WeightError, .refusedCallable(url, name: "\(module).\(name)"))
                XCTAssertTrue("\(error)".contains("\(module).\(name)"))
            }
        }
    }

    func testStackGlobalIsCheckedToo() {
        let bytes: [UInt8] = [0x80, 4, 0x8C, 2] + Array("os".utf8) + [0x8C, 6] + Array("system".utf8) + [0x93, 0x2E]
        XCTAssertThrowsError(try read(bytes)) { error in
            XCTAssertEqual(error as? WeightError, .refusedCallable(url, name: "os.system"))
        }
    }

    func testMalformedStreamsAreBadPickles() {
        let cases: [(String, [UInt8])] = [
            ("no STOP", [0x80, 2, 0x7D]),
            ("unknown opcode", [0x80, 2, 0x69, 0x2E]),  // INST, which imports like GLOBAL
            ("underflow", [0x80, 2, 0x73, 0x2E]),
            ("memo miss", [0x80, 2, 0x68, 9, 0x2E]),
            ("string past end", [0x80, 2, 0x58, 0xFF, 0, 0, 0, 0x41]),
            ("storage type called", [0x80, 2] + global("torch", "FloatStorage") + [0x29, 0x52, 0x2E]),
            ("bad persistent id", [0x80, 2, 0x58, 1, 0, 0, 0, 0x41, 0x51, 0x2E]),
        ]
        for (what, bytes) in cases {
            XCTAssertThrowsError(try read(bytes), what) { error in
                guard case .badPickle(let where_, _)? = error as? WeightError else { return XCTFail("\(what): \(error)") }
                XCTAssertEqual(where_, url)
            }
        }
    }
}
