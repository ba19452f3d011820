import ArgumentParser
import Engine
import Foundation
import XCTest
@testable import Studio

final class TokensCommandTests: XCTestCase {
    func testParsesOptions() throws {
        let command = try TokensCommand.parse(["--json", "--model", "/models/x", "a cat"])
        XCTAssertTrue(command.json)
        XCTAssertEqual(command.model, "/models/x")
        XCTAssertEqual(command.text, "a cat")
        XCTAssertThrowsError(try TokensCommand.parse([]))
    }

    func testJSONReportIsOneParsableObject() throws {
        let prompt = TokenizedPrompt(ids: [49406, 320, 49407] + [Int32](repeating: 0, count: 74), count: 3,
                                     truncatedText: "say \"hi\"\\\n\u{1}é")
        let report = TokensCommand.jsonReport(prompt)
        XCTAssertFalse(report.contains("\n"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        XCTAssertEqual((object["ids"] as? [NSNumber])?.map(\.int32Value), prompt.ids)
        XCTAssertEqual((object["count"] as? NSNumber)?.intValue, 3)
        XCTAssertEqual(object["truncated"] as? String, prompt.truncatedText)
        XCTAssertTrue(report.hasPrefix("{\"ids\": [49406, 320, 49407, 0"))
    }

    func testHumanReportSaysWhatIsLost() {
        let fits = TokenizedPrompt(ids: [], count: 5, truncatedText: "")
        XCTAssertEqual(TokensCommand.humanReport(fits, maxLength: 77), "5/77 tokens")
        let tooLong = TokenizedPrompt(ids: [], count: 77, truncatedText: "very very cat")
        let report = TokensCommand.humanReport(tooLong, maxLength: 77)
        XCTAssertTrue(report.hasPrefix("77/77 tokens"))
        XCTAssertTrue(report.contains("very very cat"))
    }

    func testMissingModelFolderExitsWithCode2() throws {
        let command = try TokensCommand.parse(["--model", "/nonexistent/model", "a cat"])
        XCTAssertThrowsError(try command.run()) { error in
            XCTAssertEqual((error as? ExitCode)?.rawValue, 2)
        }
    }

    func testModelWithoutTokenizerFolderExitsWithCode2() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let command = try TokensCommand.parse(["--model", folder.path, "a cat"])
        XCTAssertThrowsError(try command.run()) { error in
            XCTAssertEqual((error as? ExitCode)?.rawValue, 2)
        }
    }
}
