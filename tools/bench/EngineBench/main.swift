// The engine's figures for `make bench` (tools/bench/run.sh), from one process that does what one guided
// generation does, through the engine's public API, and times each part:
//   load → text states of the prompt and the empty negative prompt (→ "start to first step", counted from the
//   process's own start) → one guided UNet step (batch 2) → VAE decode of every frame → one more text
//   encoding, timed alone → peak resident memory of the whole process.
// Each part's direct-computation FLOPs are counted from its shapes (FLOPCount). Warm-up: the UNet step and the
// decode are timed on their first call, as a user's generation meets them (one-time costs are small beside
// tens of seconds); the lone text encoding is the third in the process, after the two of the generation.
// A separate process rather than `studio generate --timings`: it times the parts the issue names one by one
// without adding timing code to the product, and it needs no terminal, history or encoder.
//   usage: EngineBench --model DIR [--frames 16] [--size 256] [--prompt TEXT]
import Engine
import Foundation

/// Seconds since the kernel started this process (/proc/self/stat's start time against /proc/uptime), so
/// that the time before `main` (dynamic loading, runtime start-up) counts too.
func secondsSinceProcessStart() -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
          let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
          let commandEnd = stat.lastIndex(of: ")") else { return .nan }
    // Fields after the command name start at field 3 (state); the start time is field 22, in clock ticks.
    let fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]),
          let now = uptime.split(separator: " ").first.flatMap({ Double($0) }) else { return .nan }
    return now - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func report(_ label: String, seconds: Double, flops: FLOPCount) {
    let rate = Double(flops.total) / seconds / 1e9
    print("engine \(label): \(String(format: "%.2f", seconds)) s, \(flops), \(String(format: "%.1f", rate)) GFLOP/s")
}

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

guard let modelPath = option("--model") else {
    FileHandle.standardError.write("usage: EngineBench --model DIR [--frames 16] [--size 256] [--prompt TEXT]\n".data(using: .utf8)!)
    exit(2)
}
let frames = Int(option("--frames") ?? "16") ?? 16
let size = Int(option("--size") ?? "256") ?? 256
let prompt = option("--prompt") ?? "a red panda eating bamboo"

do {
    var loaded: TextToVideoPipeline?
    let load = try seconds { loaded = try TextToVideoPipeline(folder: URL(fileURLWithPath: modelPath)) }
    let pipeline = loaded!
    let backend = pipeline.backend
    print("engine load: \(String(format: "%.2f", load)) s")

    let textStates = Tensor.concatBatch([try pipeline.encode(""), try pipeline.encode(prompt)])
    print("engine start to first step: \(String(format: "%.2f", secondsSinceProcessStart())) s"
          + " (process start, load, text states of the prompt and the negative prompt)")

    let latents = pipeline.initialLatents(seed: 0, frames: frames, height: size, width: size)
    // As the pipeline guides: the latents once, standing for themselves with each of the two texts (batch 2).
    let onBackend = latents.on(backend)
    let latentSize = latents.shape[3]
    var step = FLOPCount()
    let stepSeconds = try seconds {
        step = try FLOPCount.measure {
            _ = try pipeline.unet(onBackend, timestep: 981, textStates: textStates).onHost()
            try backend.synchronize()
        }.flops
    }
    report("unet step (batch 2, \(frames)x\(latentSize)x\(latentSize))", seconds: stepSeconds, flops: step)

    var decode = FLOPCount()
    let decodeSeconds = try seconds { decode = try FLOPCount.measure { _ = try pipeline.decode(latents) }.flops }
    report("vae decode (\(frames) frames)", seconds: decodeSeconds, flops: decode)

    let ids = pipeline.tokenizer.encode(prompt).ids
    var text = FLOPCount()
    let textSeconds = try seconds {
        text = try FLOPCount.measure {
            _ = try pipeline.textEncoder(ids, on: backend).onHost()
            try backend.synchronize()
        }.flops
    }
    report("text encoding", seconds: textSeconds, flops: text)

    for (label, count) in [("text encoding", text), ("unet step", step), ("vae decode", decode)] {
        print("engine flops \(label): \(count.total)")
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    print("engine peak RSS: \(usage.ru_maxrss / 1024) MiB (the whole process: load, text, one guided step, decode)")
    print("engine CPU time: \(String(format: "%.0f", cpu(usage.ru_utime))) s user, "
          + "\(String(format: "%.0f", cpu(usage.ru_stime))) s system")
} catch {
    FileHandle.standardError.write("EngineBench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
