import CFFmpeg
import Foundation
import XCTest
@testable import Media
import Engine

final class ClipEncoderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("clip-encoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A coloured square moving right over a gradient, so encoders and interpolation see real motion.
    static func movingSquare(frames: Int = 8, width: Int = 64, height: Int = 48) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: frames * width * height * 3)
        let side = max(1, height / 3)
        for f in 0..<frames {
            let left = f * max(1, (width - side) / max(1, frames - 1))
            for y in 0..<height {
                for x in 0..<width {
                    let i = ((f * height + y) * width + x) * 3
                    let inside = x >= left && x < left + side && y >= height / 3 && y < height / 3 + side
                    rgb[i] = inside ? 230 : UInt8(x * 255 / max(1, width - 1))
                    rgb[i + 1] = inside ? 40 : UInt8(y * 255 / max(1, height - 1))
                    rgb[i + 2] = inside ? 60 : 128
                }
            }
        }
        return rgb
    }

    static func metadata(frames: Int = 8, width: Int = 64, height: Int = 48) -> ClipMetadata {
        ClipMetadata(settings: GenerationSettings(prompt: "a red square, \"quoted\" — ünïcode", negativePrompt: "blur",
                                                  seed: 12_345_678_901, steps: 25, guidance: 7.5, frames: frames,
                                                  width: width, height: height, sampler: "dpm++"),
                     modelName: "text-to-video-ms-1.7b", modelWeightsHash: "sha256:abc123", studioVersion: "9.8.7")
    }

    private func skipUnlessEncoder(_ format: VideoFormat) throws {
        if avcodec_find_encoder_by_name(format.encoderName) == nil {
            throw XCTSkip("this FFmpeg build has no \(format.encoderName) encoder; .\(format.fileExtension) export untested")
        }
    }

    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".partial") }
    }

    func testMP4IsH264Yuv420pWithAllFramesAndTags() throws {
        try skipUnlessEncoder(.mp4)
        let url = folder.appendingPathComponent("clip.mp4")
        let result = try ClipEncoder(settings: ExportSettings(format: .mp4))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: Self.metadata(), to: url)
        XCTAssertEqual(result.frames, 8)
        let probe = try MediaProbe.open(url)
        XCTAssertTrue(probe.container.contains("mp4"))
        XCTAssertEqual(probe.codec, "h264")
        XCTAssertEqual(probe.width, 64)
        XCTAssertEqual(probe.height, 48)
        XCTAssertEqual(probe.pixelFormat, "yuv420p")
        XCTAssertEqual(probe.packets, 8)
        XCTAssertEqual(try XCTUnwrap(probe.duration), 1.0, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(probe.frameRate), 8, accuracy: 0.01)
        var expected = Self.metadata()
        expected.export = ExportSettings(format: .mp4, crf: 18)
        XCTAssertEqual(try ContainerTags.metadata(in: probe.tags, source: url.path), expected)
        XCTAssertTrue(try XCTUnwrap(probe.tags["description"]).hasPrefix("a red square"))
        XCTAssertEqual(try leftovers(), [])
    }

    func testMP4PutsTheIndexFirst() throws {
        try skipUnlessEncoder(.mp4)
        let url = folder.appendingPathComponent("fast.mp4")
        try ClipEncoder(settings: ExportSettings(format: .mp4))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: nil, to: url)
        let bytes = try Data(contentsOf: url)
        let moov = bytes.range(of: Data("moov".utf8))?.lowerBound
        let mdat = bytes.range(of: Data("mdat".utf8))?.lowerBound
        XCTAssertLessThan(try XCTUnwrap(moov), try XCTUnwrap(mdat), "movflags=+faststart puts moov before mdat")
    }

    func testWebMIsVP9Yuv420pWithTags() throws {
        try skipUnlessEncoder(.webm)
        let url = folder.appendingPathComponent("clip.webm")
        try ClipEncoder(settings: ExportSettings(format: .webm, crf: 40))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: Self.metadata(), to: url)
        let probe = try MediaProbe.open(url)
        XCTAssertTrue(probe.container.contains("webm"))
        XCTAssertEqual(probe.codec, "vp9")
        XCTAssertEqual(probe.width, 64)
        XCTAssertEqual(probe.height, 48)
        XCTAssertEqual(probe.pixelFormat, "yuv420p")
        XCTAssertEqual(probe.packets, 8)
        XCTAssertEqual(try XCTUnwrap(probe.duration), 1.0, accuracy: 0.01)
        let embedded = try XCTUnwrap(try ContainerTags.metadata(in: probe.tags, source: url.path))
        XCTAssertEqual(embedded.settings, Self.metadata().settings)
        XCTAssertEqual(embedded.export?.crf, 40)
    }

    func testGIFDecodesToEveryFrameWithAPaletteAndLoopsForever() throws {
        let url = folder.appendingPathComponent("clip.gif")
        let result = try ClipEncoder(settings: ExportSettings(format: .gif, fps: 10))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: Self.metadata(), to: url)
        XCTAssertEqual(result.sidecarURL, folder.appendingPathComponent("clip.json"))
        let probe = try MediaProbe.open(url)
        XCTAssertEqual(probe.codec, "gif")
        XCTAssertEqual(probe.width, 64)
        XCTAssertEqual(probe.height, 48)
        XCTAssertEqual(probe.packets, 8)
        XCTAssertEqual(try MediaProbe.decodeFrames(url).count, 8)
        let filters = try ClipFilterGraph(width: 64, height: 48, frames: 8, settings: ExportSettings(format: .gif))
        XCTAssertEqual(filters.outputPixelFormat, AV_PIX_FMT_PAL8, "the GIF encoder is fed palette frames")
        let bytes = try Data(contentsOf: url)
        XCTAssertEqual(Array(bytes.prefix(6)), Array("GIF89a".utf8))
        // Logical screen descriptor: the top bit of byte 10 says a global colour table (the clip's palette) follows.
        XCTAssertNotEqual(bytes[10] & 0x80, 0)
        // NETSCAPE2.0 application extension with loop count 0 = forever.
        let netscape = try XCTUnwrap(bytes.range(of: Data("NETSCAPE2.0".utf8)))
        XCTAssertEqual(Array(bytes[(netscape.upperBound + 2)...(netscape.upperBound + 3)]), [0, 0])
        XCTAssertEqual(try ClipMetadataSource.read(describing: url).metadata.settings, Self.metadata().settings)
    }

    func testScaleTwoDoublesTheSize() throws {
        try skipUnlessEncoder(.mp4)
        let url = folder.appendingPathComponent("big.mp4")
        let result = try ClipEncoder(settings: ExportSettings(format: .mp4, scale: 2))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: nil, to: url)
        XCTAssertEqual(result.width, 128)
        XCTAssertEqual(result.height, 96)
        let probe = try MediaProbe.open(url)
        XCTAssertEqual([probe.width, probe.height], [128, 96])
    }

    func testInterpolationRaisesTheFrameCountAndRate() throws {
        try skipUnlessEncoder(.mp4)
        let url = folder.appendingPathComponent("smooth.mp4")
        let result = try ClipEncoder(settings: ExportSettings(format: .mp4, interpolateFPS: 24))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: nil, to: url)
        let probe = try MediaProbe.open(url)
        XCTAssertEqual(result.fps, 24)
        XCTAssertEqual(probe.packets, result.frames)
        // 8 frames at 8 fps last 1 s; at 24 fps that is 24 frames, the last one the clip's own last frame.
        XCTAssertEqual(probe.packets, 24)
        XCTAssertEqual(try XCTUnwrap(probe.duration), 1.0, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(probe.frameRate), 24, accuracy: 0.01)
    }

    func testOddSizeIsPaddedToEvenForYuv420pAndKeptForGIF() throws {
        try skipUnlessEncoder(.mp4)
        let mp4 = folder.appendingPathComponent("odd.mp4")
        let rgb = Self.movingSquare(frames: 3, width: 33, height: 17)
        let result = try ClipEncoder(settings: ExportSettings(format: .mp4))
            .write(rgb: rgb, frames: 3, width: 33, height: 17, metadata: nil, to: mp4)
        XCTAssertEqual([result.width, result.height], [34, 18])
        let probe = try MediaProbe.open(mp4)
        XCTAssertEqual([probe.width, probe.height, probe.packets], [34, 18, 3])
        let gif = folder.appendingPathComponent("odd.gif")
        try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(rgb: rgb, frames: 3, width: 33, height: 17, metadata: nil, to: gif)
        let gifProbe = try MediaProbe.open(gif)
        XCTAssertEqual([gifProbe.width, gifProbe.height], [33, 17])
    }

    func testOddScaledSizeRoundsToEven() {
        let size = ClipFilterGraph.scaledSize(width: 64, height: 48, settings: ExportSettings(format: .webm, scale: 1.5 + 1 / 64))
        XCTAssertEqual(size.width % 2, 0)
        XCTAssertEqual(size.height % 2, 0)
        XCTAssertEqual(ClipFilterGraph.scaledSize(width: 5, height: 5, settings: ExportSettings(format: .gif, scale: 1.5)).width, 8)
    }

    func testMissingFolderIsATypedErrorAndLeavesNothing() throws {
        let url = folder.appendingPathComponent("missing/clip.gif")
        XCTAssertThrowsError(try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: Self.metadata(), to: url)) { error in
            guard case MediaError.cannotWrite(let path, let reason)? = error as? MediaError else {
                return XCTFail("expected cannotWrite, got \(error)")
            }
            XCTAssertEqual(path, url.path)
            XCTAssertTrue(reason.contains("does not exist"), reason)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testFailedRenameLeavesNoPartialFiles() throws {
        // A folder where the file should go: encoding succeeds, the final step must not leave temporaries.
        let url = folder.appendingPathComponent("taken.gif")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        XCTAssertThrowsError(try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: Self.metadata(), to: url)) { error in
            XCTAssertTrue(String(describing: error).contains("taken.gif"), "\(error)")
        }
        XCTAssertEqual(try leftovers(), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("taken.json").path))
    }

    func testWrongByteCountAndBadOptionsAreRejected() throws {
        let url = folder.appendingPathComponent("x.gif")
        XCTAssertThrowsError(try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(rgb: [1, 2, 3], frames: 8, width: 64, height: 48, metadata: nil, to: url)) { error in
            guard case MediaError.invalidFrames? = error as? MediaError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ClipEncoder(settings: ExportSettings(format: .mp4, crf: 60))) { error in
            XCTAssertTrue(String(describing: error).contains("0…51"), "\(error)")
        }
        XCTAssertThrowsError(try ClipEncoder(settings: ExportSettings(format: .gif, crf: 20)))
        XCTAssertThrowsError(try ClipEncoder(settings: ExportSettings(format: .mp4, fps: 8, interpolateFPS: 8)))
        XCTAssertThrowsError(try ClipEncoder(settings: ExportSettings(format: .mp4, scale: 0)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testReplacesAnExistingFileWhole() throws {
        let url = folder.appendingPathComponent("again.gif")
        try Data("old".utf8).write(to: url)
        try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(rgb: Self.movingSquare(), frames: 8, width: 64, height: 48, metadata: nil, to: url)
        XCTAssertEqual(try MediaProbe.open(url).packets, 8)
    }

    func testGeneratedClipExportFillsTheSizeAndModel() throws {
        let rgb = Self.movingSquare(frames: 2, width: 16, height: 8)
        let frames = Tensor(shape: [2, 8, 16, 3], values: rgb.map { Float($0) / 255 })
        let clip = GeneratedClip(frames: frames, settings: GenerationSettings(prompt: "p", seed: 1, frames: 2), seconds: 0)
        let url = folder.appendingPathComponent("gen.gif")
        let result = try ClipEncoder(settings: ExportSettings(format: .gif))
            .write(clip, to: url, modelName: "demo", studioVersion: "1.2.3")
        let sidecar = try ClipMetadata.decode(json: Data(contentsOf: try XCTUnwrap(result.sidecarURL)), source: "test")
        XCTAssertEqual(sidecar.settings.width, 16)
        XCTAssertEqual(sidecar.settings.height, 8)
        XCTAssertEqual(sidecar.modelName, "demo")
        XCTAssertNil(sidecar.modelWeightsHash)
        XCTAssertEqual(sidecar.studioVersion, "1.2.3")
        XCTAssertEqual(sidecar.export?.format, .gif)
    }
}
