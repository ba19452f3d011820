import XCTest
@testable import TUI

final class PlaybackTests: XCTestCase {
    func testAdvancesAtEightFramesPerSecondAndLoops() {
        var playback = Playback(frameCount: 16)
        XCTAssertFalse(playback.advance(to: 100), "the first tick only starts the clock")
        XCTAssertEqual(playback.nextFrameTime(now: 100), 100.125)
        XCTAssertFalse(playback.advance(to: 100.1))
        XCTAssertEqual(playback.frame, 0)
        XCTAssertTrue(playback.advance(to: 100.13))
        XCTAssertEqual(playback.frame, 1)
        playback.advance(to: 100.13 + 0.5)  // 4 more frames; the 0.005 s remainder carries over
        XCTAssertEqual(playback.frame, 5)
        XCTAssertEqual(playback.nextFrameTime(now: 100.63)!, 100.75, accuracy: 1e-9)
        playback.advance(to: 100 + 2.0)  // 16 frames after the start: back at 0
        XCTAssertEqual(playback.frame, 0)
    }

    func testPauseStopsTimeAndStepWrapsAndPauses() {
        var playback = Playback(frameCount: 4)
        playback.advance(to: 0)
        playback.togglePlaying()
        XCTAssertFalse(playback.isPlaying)
        XCTAssertNil(playback.nextFrameTime(now: 1), "a paused clip needs no timer")
        XCTAssertFalse(playback.advance(to: 10))
        XCTAssertEqual(playback.frame, 0)
        playback.step(by: -1)
        XCTAssertEqual(playback.frame, 3)
        playback.step(by: 2)
        XCTAssertEqual(playback.frame, 1)
        playback.togglePlaying()
        XCTAssertTrue(playback.isPlaying)
        XCTAssertEqual(playback.nextFrameTime(now: 20), 20, "resuming restarts the clock at the next tick")
        playback.advance(to: 20)
        playback.advance(to: 20.125)
        XCTAssertEqual(playback.frame, 2)
    }

    func testSingleFrameOrEmptyNeverWakes() {
        var one = Playback(frameCount: 1)
        XCTAssertNil(one.nextFrameTime(now: 0))
        XCTAssertFalse(one.advance(to: 5))
        var none = Playback(frameCount: 0)
        none.step(by: 1)
        XCTAssertEqual(none.frame, 0)
    }

    func testResizeKeepsPlaceWhenItFits() {
        var playback = Playback(frameCount: 8)
        playback.step(by: 5)
        playback.resize(frameCount: 8)
        XCTAssertEqual(playback.frame, 5)
        playback.resize(frameCount: 4)
        XCTAssertEqual(playback.frame, 0)
    }
}
