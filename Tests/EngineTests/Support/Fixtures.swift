import Foundation
import XCTest
@testable import Engine

/// The committed reference fixtures in Tests/Fixtures, written by tools/fixtures/make_fixtures.py.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func checkpoint(_ name: String) -> URL { root.appendingPathComponent("checkpoints/\(name)") }

    /// The bundled, trained demo model (models/demo), which make_fixtures.py's `demo` part has a parity case for.
    static let demoModel = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/demo")

    static func reference(_ name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(url: root.appendingPathComponent("reference/\(name)"))
    }

    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("reference/\(name)")))
    }

    /// One pipeline case of pipeline-cases.json.
    struct PipelineCase {
        let name: String
        let checkpoint: String
        let settings: GenerationSettings
    }

    static func pipelineCases() throws -> [PipelineCase] {
        guard let root = try json("pipeline-cases.json") as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else {
            throw ModelError.invalidInput("pipeline-cases.json has no cases")
        }
        return cases.map { c in
            PipelineCase(
                name: c["name"] as! String, checkpoint: c["checkpoint"] as! String,
                settings: GenerationSettings(
                    prompt: c["prompt"] as! String, negativePrompt: c["negative_prompt"] as? String,
                    seed: UInt64(c["seed"] as! Int), steps: c["steps"] as! Int,
                    guidance: Float(c["guidance"] as! Double), frames: c["frames"] as! Int,
                    width: c["width"] as? Int, height: c["height"] as? Int, sampler: c["scheduler"] as! String))
        }
    }
}

/// Asserts that `actual` is within `tolerance × max|expected|` of `expected` everywhere.
func assertClose(_ actual: Tensor, _ expected: Tensor, relative tolerance: Float, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(what): \(actual.shape) vs \(expected.shape)", file: file, line: line)
    guard actual.count == expected.count else { return }
    let scale = max(expected.maxAbs(), 1e-12)
    let difference = actual.maxAbsDifference(expected)
    XCTAssertLessThanOrEqual(difference / scale, tolerance,
                             "\(what): max |Δ| \(difference) vs max |ref| \(scale)", file: file, line: line)
}

/// Asserts an absolute bound on the largest difference.
func assertClose(_ actual: Tensor, _ expected: Tensor, absolute tolerance: Float, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(what): \(actual.shape) vs \(expected.shape)", file: file, line: line)
    guard actual.count == expected.count else { return }
    XCTAssertLessThanOrEqual(actual.maxAbsDifference(expected), tolerance, "\(what)", file: file, line: line)
}
