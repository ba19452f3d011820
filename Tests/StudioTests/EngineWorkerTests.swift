import Engine
import Foundation
import XCTest
@testable import Studio

/// The studio's worker on the bundled demo model: a finished job lands in the history, with the model's
/// weights hash, and the event names its folder.
final class EngineWorkerTests: XCTestCase {
    private static let demoModel = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models/demo")

    /// A worker on the demo model with its history in a temporary data folder; skips without the demo model.
    private func demoWorker() throws -> (TemporaryDataHome, HistoryStore, EngineWorker) {
        guard FileManager.default.fileExists(atPath: Self.demoModel.appendingPathComponent("model_index.json").path) else {
            throw XCTSkip("no demo model at \(Self.demoModel.path)")
        }
        let home = try TemporaryDataHome()
        let store = try HistoryStore()
        return (home, store, try EngineWorker(modelURL: Self.demoModel, history: store, clips: store.clips))
    }

    /// Runs a one-step 2-frame 32 × 32 job and waits (up to 120 s) for it to finish and for `settled`; returns the
    /// finished event's folder, or nil on timeout. A failed job fails the test.
    private func runTinyJob(on worker: EngineWorker, prompt: String, seed: UInt64,
                            settled: () -> Bool = { true }, seen: (EngineEvent) -> Void = { _ in }) -> String? {
        let form = GenerationForm(seed: seed, steps: 1, guidance: 7.5, frames: 2, width: 32, height: 32, sampler: "ddim")
        worker.submit(GenerationJob(id: 1, prompt: prompt, negativePrompt: "", form: form))
        var finished: String?
        let deadline = Date().addingTimeInterval(120)
        while !(finished != nil && settled()), Date() < deadline {
            for event in worker.events.takeAll() {
                seen(event)
                if case .finished(_, _, let output) = event { finished = output }
                if case .failed(_, let message) = event { XCTFail(message); return nil }
            }
            usleep(50_000)
        }
        return finished
    }

    func testAFinishedJobIsRecordedInTheHistory() throws {
        let (home, store, worker) = try demoWorker()
        defer { home.restore() }
        defer { worker.stop() }
        let finished = runTinyJob(on: worker, prompt: "a green square", seed: 3)
        let entry = try XCTUnwrap(try store.entries().first)
        XCTAssertEqual(finished, store.folderURL(of: entry).path)
        XCTAssertEqual(entry.prompt, "a green square")
        XCTAssertNil(entry.negativePrompt)
        XCTAssertEqual([entry.frames, entry.width, entry.height], [2, 32, 32])
        XCTAssertEqual(entry.modelName, "demo")
        XCTAssertEqual(entry.modelWeightsHash, try WeightsFingerprint.compute(folder: ModelFolder(url: Self.demoModel)))
        XCTAssertEqual(store.missingFiles(of: entry), [])
    }

    /// The results grid's thumbnail comes from the decoded clip, announced just before the job finishes.
    func testTheDecodedFirstFrameArrivesBeforeFinished() throws {
        let (home, _, worker) = try demoWorker()
        defer { home.restore() }
        defer { worker.stop() }
        var order: [String] = []
        var first: PreviewFrames?
        var previewWidths: [Int] = []
        let finished = runTinyJob(on: worker, prompt: "a blue triangle", seed: 5, seen: { event in
            switch event {
            case .preview(_, let frames): order.append("preview"); previewWidths.append(frames.width)
            case .firstFrame(_, let frame): order.append("first frame"); first = frame
            case .finished: order.append("finished")
            default: break
            }
        })
        XCTAssertNotNil(finished)
        XCTAssertEqual(order.suffix(2), ["first frame", "finished"])
        XCTAssertFalse(previewWidths.isEmpty)
        XCTAssertTrue(previewWidths.allSatisfy { $0 < 32 }, "step previews are latent-sized: \(previewWidths)")
        XCTAssertEqual([first?.width, first?.height, first?.frames.count], [32, 32, 1])
        XCTAssertEqual(first?.frames.first?.count, 32 * 32 * 3)
    }

    /// Once the queue is empty the worker gives the engine's recycled buffers back, so an idle studio holds none
    /// (without that, this job leaves about 20 MB idle in the pool).
    func testAnIdleWorkerDrainsTheBufferPool() throws {
        let (home, _, worker) = try demoWorker()
        defer { home.restore() }
        defer { worker.stop() }
        let finished = runTinyJob(on: worker, prompt: "a red circle", seed: 4) { BufferPool.shared.idleByteCount == 0 }
        XCTAssertNotNil(finished)
        XCTAssertEqual(BufferPool.shared.idleByteCount, 0)
    }
}
