import Engine
import Media
import TUI
import XCTest
@testable import Studio

final class DoctorReportTests: XCTestCase {
    private func report(terminal: DoctorReport.TerminalFacts?,
                        cuda: CUDADriver.Availability = .unavailable(BackendUnavailable(reason: "cannot load libcuda.so.1")),
                        kernels: Result<CUDAKernelOrigin, BackendUnavailable>? = nil) -> String {
        DoctorReport(version: "9.9.9", terminal: terminal,
                     blas: BLASInfo(config: "OpenBLAS 0.3.21 DYNAMIC_ARCH Zen", coreName: "Zen", threads: 2, processors: 2),
                     ffmpeg: FFmpegInfo(release: "5.1", libraries: [.init(name: "libavcodec", version: "59.37.100")],
                                        encoders: [.init(name: "libx264", available: true), .init(name: "gif", available: false)]),
                     models: [.init(source: "--model", path: nil, status: .notSet)], cuda: cuda, kernels: kernels).render()
    }

    func testCUDASection() {
        XCTAssertTrue(report(terminal: nil).contains("status                    unavailable: cannot load libcuda.so.1"))
        let gpu = CUDADriver.GPU(index: 0, name: "NVIDIA H200", computeCapability: (9, 0), totalMemoryBytes: 150_000_000_000)
        let text = report(terminal: nil, cuda: .available(gpus: [gpu], driverVersion: 12080))
        XCTAssertTrue(text.contains("driver                    CUDA 12.8"), text)
        XCTAssertTrue(text.contains("GPU 0                     NVIDIA H200, sm_90, "), text)
        XCTAssertTrue(text.contains("engine                    runs on the CPU"), text)
        let compiled = report(terminal: nil, cuda: .available(gpus: [gpu], driverVersion: 12080), kernels: .success(
            CUDAKernelOrigin(architecture: "sm_90", compilerVersion: "13.0", compiled: true, seconds: 1.5)))
        XCTAssertTrue(compiled.contains("kernels                   compiled by NVRTC 13.0 for sm_90 in 1.50 s"), compiled)
        XCTAssertTrue(compiled.contains("engine                    runs on GPU 0"), compiled)
        let failed = report(terminal: nil, cuda: .available(gpus: [gpu], driverVersion: 12080),
                            kernels: .failure(BackendUnavailable(reason: "cannot load libnvrtc.so.13")))
        XCTAssertTrue(failed.contains("kernels                   failed: cannot load libnvrtc.so.13"), failed)
    }

    func testNoTerminalStillReportsTheRest() {
        let text = report(terminal: nil)
        XCTAssertTrue(text.contains("no terminal attached"))
        XCTAssertTrue(text.contains("0.3.21"))
        XCTAssertTrue(text.contains("libavcodec                59.37.100"))
        XCTAssertTrue(text.contains("libx264 yes, gif no"))
        XCTAssertTrue(text.contains("--model                   not given"))
        XCTAssertTrue(text.contains("no complete model found"))
    }

    func testSixelTerminal() {
        var replies = ProbeReplies()
        replies.deviceAttributes = [62, 4]
        replies.colorRegisters = 256
        replies.sixelMaxGeometry = .init(width: 1000, height: 800)
        let probe = TerminalProbe.Result(size: TerminalSize(rows: 30, columns: 100), windowPixels: nil, replies: replies,
                                         timedOut: false, elapsedMilliseconds: 12)
        let text = report(terminal: .init(term: "xterm-256color", colorTerm: "truecolor", terminfo: (256, false),
                                          noColor: false, probe: probe))
        XCTAssertTrue(text.contains("TERM                      xterm-256color"))
        XCTAssertTrue(text.contains("size                      100×30 cells"))
        XCTAssertTrue(text.contains("sixel                     yes (DA1 reply ?62;4c)"))
        XCTAssertTrue(text.contains("colour registers          256"))
        XCTAssertTrue(text.contains("1000×800 px"))
        XCTAssertTrue(text.contains("256 colours (terminfo colors=256); COLORTERM=truecolor claims 24-bit colour"))
        XCTAssertTrue(text.contains("cell size                 unknown"))
        XCTAssertTrue(text.contains("answered in 12 ms"))
        XCTAssertTrue(text.contains("preview                   sixel, 256-colour palette"))
    }

    func testSilentTerminal() {
        let probe = TerminalProbe.Result(size: TerminalSize(rows: 24, columns: 80), windowPixels: .init(width: 800, height: 480),
                                         replies: ProbeReplies(), timedOut: true, elapsedMilliseconds: 300)
        let text = report(terminal: .init(term: "vt100", colorTerm: nil, terminfo: (0, false), noColor: true, probe: probe))
        XCTAssertTrue(text.contains("sixel                     no (no DA1 reply)"))
        XCTAssertTrue(text.contains("10×20 px (TIOCGWINSZ)"))
        XCTAssertTrue(text.contains("no complete answer within 300 ms"))
        XCTAssertTrue(text.contains("NO_COLOR is set"))
        XCTAssertTrue(text.contains("preview                   clip parameters only (no colour)"))
    }

    func testTmuxWithoutSixelUnderTruecolor() {
        // tmux 3.3a's recorded answer: no sixel, so half blocks; COLORTERM gets them 24-bit past curses.
        let probe = TerminalProbe.Result(size: TerminalSize(rows: 30, columns: 100), windowPixels: nil,
                                         replies: ProbeReplies.parse(Array("\u{1B}[8;100;30t\u{1B}[?1;2c".utf8)),
                                         timedOut: false, elapsedMilliseconds: 3)
        let truecolor = report(terminal: .init(term: "tmux-256color", colorTerm: "truecolor", terminfo: (256, false),
                                               noColor: false, probe: probe))
        XCTAssertTrue(truecolor.contains("sixel                     no (DA1 reply ?1;2c)"))
        XCTAssertTrue(truecolor.contains("preview                   half blocks in 24-bit colour (COLORTERM, past curses)"))
        let plain = report(terminal: .init(term: "tmux-256color", colorTerm: nil, terminfo: (256, false),
                                           noColor: false, probe: probe))
        XCTAssertTrue(plain.contains("preview                   half blocks in 256 colours\n"))
    }
}
