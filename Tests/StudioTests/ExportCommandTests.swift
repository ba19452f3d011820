import ArgumentParser
import CFFmpeg
import Engine
import Media
import Foundation
import XCTest
@testable import Studio

/// `studio export ITEM` from a real history, each file read back through libavformat.
final class ExportCommandTests: XCTestCase {
    private var home: TemporaryDataHome!
    private var store: HistoryStore!
    private var entry: HistoryEntry!
    private var clip: GeneratedClip!
    private var output: URL!

    override func setUpWithError() throws {
        home = try TemporaryDataHome()
        store = try HistoryStore()
        clip = TemporaryDataHome.clip(frames: 4, width: 64, height: 48)
        entry = try store.record(clip, modelName: "demo", modelWeightsHash: "sha256:00112233aabbccdd")
        output = home.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    }

    override func tearDown() { home.restore() }

    private func export(_ arguments: [String]) throws {
        let command = try ExportCommand.parse(["\(entry.id!)"] + arguments)
        try command.validate()
        try command.run()
    }

    private func skipUnlessEncoder(_ format: VideoFormat) throws {
        if avcodec_find_encoder_by_name(format.encoderName) == nil { throw XCTSkip("no \(format.encoderName) in this FFmpeg") }
    }

    func testMP4HasTheCodecSizeRateFramesAndSettingsAndAFaithfulFirstFrame() throws {
        try skipUnlessEncoder(.mp4)
        let url = output.appendingPathComponent("clip.mp4")
        try export(["--output", url.path])
        let probe = try MediaProbe.open(url)
        XCTAssertEqual(probe.codec, "h264")
        XCTAssertEqual(probe.pixelFormat, "yuv420p")
        XCTAssertEqual([probe.width, probe.height, probe.packets], [64, 48, 4])
        XCTAssertEqual(try XCTUnwrap(probe.frameRate), 8, accuracy: 0.01)
        let tagged = try XCTUnwrap(try ContainerTags.metadata(in: probe.tags, source: url.path))
        XCTAssertEqual(tagged.settings, entry.settings)
        XCTAssertEqual(tagged.modelName, "demo")
        XCTAssertEqual(tagged.modelWeightsHash, "sha256:00112233aabbccdd")
        XCTAssertEqual(tagged.export?.crf, 18)
        XCTAssertEqual(try ClipMetadataSource.read(describing: url).metadata, tagged, "the sidecar says the same")

        let decoded = try MediaProbe.firstFrameRGB(url)
        XCTAssertEqual([decoded.width, decoded.height], [64, 48])
        let source = Array(clip.rgb8()[0..<(64 * 48 * 3)])
        XCTAssertGreaterThanOrEqual(Self.psnr(source, decoded.rgb), 35)
    }

    func testWebMAndGIFOpenWithEveryFrameAndTheRequestedRateAndSize() throws {
        try skipUnlessEncoder(.webm)
        let webm = output.appendingPathComponent("clip.webm")
        try export(["--output", webm.path, "--fps", "12", "--scale", "2"])
        let probe = try MediaProbe.open(webm)
        XCTAssertEqual([probe.codec, probe.pixelFormat], ["vp9", "yuv420p"])
        XCTAssertEqual([probe.width, probe.height], [128, 96])
        XCTAssertEqual(try MediaProbe.decodeFrames(webm).count, 4)
        XCTAssertEqual(try XCTUnwrap(probe.frameRate), 12, accuracy: 0.01)
        XCTAssertEqual(try ContainerTags.metadata(in: probe.tags, source: webm.path)?.settings.prompt, "a red square")

        let gif = output.appendingPathComponent("clip.gif")
        try export(["--output", gif.path])
        XCTAssertEqual(try MediaProbe.open(gif).codec, "gif")
        XCTAssertEqual(try MediaProbe.decodeFrames(gif).count, 4)
        XCTAssertEqual(try ClipMetadataSource.read(describing: gif).metadata.settings.seed, 7)
    }

    func testInterpolatedExportHasTheHigherFrameCount() throws {
        try skipUnlessEncoder(.mp4)
        let url = output.appendingPathComponent("smooth.mp4")
        try export(["--output", url.path, "--interpolate", "24"])
        // 4 frames at 8 fps last 0.5 s: 12 frames at 24 fps.
        XCTAssertEqual(try MediaProbe.open(url).packets, 12)
    }

    func testUnwritableFolderFailsWithOneLineLeavesNothingAndKeepsTheClip() throws {
        // A path under a regular file cannot be written even by root (where chmod would not stop a write).
        let blocker = output.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        var targets = [blocker.appendingPathComponent("clip.gif")]
        let readOnly = output.appendingPathComponent("read-only")
        if getuid() != 0 {
            try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
            chmod(readOnly.path, 0o555)
            targets.append(readOnly.appendingPathComponent("clip.gif"))
        }
        defer { chmod(readOnly.path, 0o755) }
        for target in targets {
            XCTAssertThrowsError(try export(["--output", target.path])) { error in
                let message = (error as? CLIError)?.description ?? "\(error)"
                XCTAssertTrue(message.hasPrefix("cannot write \(target.path)"), message)
                XCTAssertTrue(message.contains("kept in the history as #\(self.entry.id!)"), message)
                XCTAssertFalse(message.contains("\n"), message)
            }
        }
        if getuid() != 0 { XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: readOnly.path), []) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted(),
                       getuid() != 0 ? ["a-file", "read-only"] : ["a-file"], "no partial file anywhere")
        XCTAssertEqual(try store.entries().map(\.id), [entry.id])
        XCTAssertEqual(store.missingFiles(of: try store.entry(id: entry.id!)), [])
    }

    func testUnknownExtensionAndMissingEntryAreOneLine() throws {
        XCTAssertThrowsError(try ExportCommand.parse(["\(entry.id!)", "--output", output.appendingPathComponent("x.avi").path]).validate())
        XCTAssertThrowsError(try ExportCommand.parse(["latest", "--output", "x.mp4"]).validate())
        XCTAssertThrowsError(try ExportCommand.parse(["999", "--output", output.appendingPathComponent("x.gif").path]).run()) {
            XCTAssertEqual(($0 as? CLIError)?.description, "no history entry #999 (see `studio history`)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path), [])
    }

    func testExportsTheStoredFramesAsNPY() throws {
        let url = output.appendingPathComponent("frames.npy")
        try export(["--output", url.path])
        let folder = output.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: url, to: folder.appendingPathComponent("frames.npy"))
        XCTAssertEqual(try ClipFramesReader.readTensor(folder: folder.path).scalars, clip.frames.scalars)
    }

    static func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
        precondition(a.count == b.count)
        let squared = zip(a, b).reduce(0.0) { sum, pair in
            let difference = Double(pair.0) - Double(pair.1)
            return sum + difference * difference
        }
        let meanSquared = squared / Double(a.count)
        return meanSquared == 0 ? .infinity : 10 * log10(255 * 255 / meanSquared)
    }
}
