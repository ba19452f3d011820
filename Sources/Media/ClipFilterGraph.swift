import CFFmpeg
import Foundation
import Engine

/// The libavfilter graph between RGB frames and the encoder: interpolation, Lanczos scaling, even-size padding,
/// and the pixel format the codec takes (yuv420p, or a clip-wide palette for GIF).
final class ClipFilterGraph {
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private let source: UnsafeMutablePointer<AVFilterContext>
    private let sink: UnsafeMutablePointer<AVFilterContext>
    let description: String

    /// The frame size after scaling (before even-size padding) for a clip of width × height.
    static func scaledSize(width: Int, height: Int, settings: ExportSettings) -> (width: Int, height: Int) {
        guard settings.scale != 1 else { return (width, height) }
        func scaled(_ value: Int) -> Int {
            let exact = Double(value) * settings.scale
            // yuv420p needs even sizes: round to the nearest even number rather than pad a scaled image.
            if settings.format.needsEvenSize { return max(2, 2 * Int((exact / 2).rounded())) }
            return max(1, Int(exact.rounded()))
        }
        return (scaled(width), scaled(height))
    }

    /// Copies of the last frame fed after the clip when interpolating: minterpolate holds back its last input
    /// frames at the end of the stream, so without these the clip's final frame would never appear.
    static func trailingDuplicates(settings: ExportSettings) -> Int { settings.interpolateFPS == nil ? 0 : 3 }

    /// Frames the interpolated clip keeps: the same duration as the original, frames / fps seconds.
    static func interpolatedFrameCount(frames: Int, settings: ExportSettings) -> Int? {
        settings.interpolateFPS.map { (frames * $0 + settings.fps - 1) / settings.fps }
    }

    /// The filter chain in libavfilter's text syntax, from the graph's input `[in]` to its output `[out]`.
    static func chain(width: Int, height: Int, frames: Int, settings: ExportSettings) -> String {
        var steps: [String] = []
        if let rate = settings.interpolateFPS, let kept = interpolatedFrameCount(frames: frames, settings: settings) {
            // Motion-compensated interpolation; runs before scaling, where there are fewer pixels to search. The
            // trim drops what the trailing duplicates add beyond the clip's own duration.
            steps.append("minterpolate=fps=\(rate):mi_mode=mci")
            steps.append("trim=end_frame=\(kept)")
        }
        let size = scaledSize(width: width, height: height, settings: settings)
        let lanczos = "flags=lanczos+accurate_rnd+full_chroma_int"
        switch settings.format {
        case .mp4, .webm:
            let evenWidth = size.width + size.width % 2, evenHeight = size.height + size.height % 2
            if evenWidth != size.width || evenHeight != size.height {
                // Only an unscaled odd size gets here: grow by one pixel, repeating the edge, not stretching.
                steps.append("pad=\(evenWidth):\(evenHeight):0:0")
                steps.append("fillborders=right=\(evenWidth - size.width):bottom=\(evenHeight - size.height):mode=smear")
            }
            // One swscale pass scales (if asked) and converts to BT.709 limited-range yuv420p, which the encoder is tagged with.
            let target = size == (width, height) ? "iw:ih" : "\(size.width):\(size.height)"
            steps.append("scale=\(target):\(lanczos):out_color_matrix=bt709:out_range=tv")
            steps.append("format=yuv420p")
            return "[in]" + steps.joined(separator: ",") + "[out]"
        case .gif:
            if size != (width, height) { steps.append("scale=\(size.width):\(size.height):\(lanczos)") }
            steps.append("split[frames][stats]")
            // One palette for the whole clip (stats_mode=full) so colours do not flicker from frame to frame; the
            // clip is opaque, so no palette entry is spent on transparency.
            let prefix = "[in]" + steps.joined(separator: ",")
            return prefix + ";[stats]palettegen=stats_mode=full:reserve_transparent=0[palette];"
                + "[frames][palette]paletteuse=dither=sierra2_4a:diff_mode=rectangle[out]"
        }
    }

    /// The filters a chain uses, so a missing one is named before any work starts.
    static func requiredFilters(width: Int, height: Int, frames: Int, settings: ExportSettings) -> [String] {
        var names = ["buffer", "buffersink"]
        let chain = chain(width: width, height: height, frames: frames, settings: settings)
        for name in ["minterpolate", "trim", "pad", "fillborders", "scale", "format", "split", "palettegen", "paletteuse"]
        where chain.contains(name + "=") || chain.contains(name + "[") {
            names.append(name)
        }
        return names
    }

    init(width: Int, height: Int, frames: Int, settings: ExportSettings) throws {
        for name in Self.requiredFilters(width: width, height: height, frames: frames, settings: settings)
        where avfilter_get_by_name(name) == nil {
            let purpose = name == "minterpolate" ? "--interpolate" : ".\(settings.format.fileExtension) export"
            throw MediaError.filterMissing(filter: name, neededFor: purpose)
        }
        description = Self.chain(width: width, height: height, frames: frames, settings: settings)
        guard let graph = avfilter_graph_alloc() else { throw MediaError.ffmpeg(operation: "allocating a filter graph", code: cffmpeg_averror(ENOMEM)) }
        self.graph = graph
        var source: UnsafeMutablePointer<AVFilterContext>?
        var sink: UnsafeMutablePointer<AVFilterContext>?
        let sourceArguments = "video_size=\(width)x\(height):pix_fmt=\(AV_PIX_FMT_RGB24.rawValue):"
            + "time_base=1/\(settings.fps):frame_rate=\(settings.fps)/1:pixel_aspect=1/1"
        var status = avfilter_graph_create_filter(&source, avfilter_get_by_name("buffer"), "in", sourceArguments, nil, graph)
        guard status >= 0, let source else {
            avfilter_graph_free(&self.graph)
            throw MediaError.ffmpeg(operation: "creating the frame source (\(sourceArguments))", code: status)
        }
        status = avfilter_graph_create_filter(&sink, avfilter_get_by_name("buffersink"), "out", nil, nil, graph)
        guard status >= 0, let sink else {
            avfilter_graph_free(&self.graph)
            throw MediaError.ffmpeg(operation: "creating the frame sink", code: status)
        }
        self.source = source
        self.sink = sink

        // The parser's "outputs" are the open ends of what we built (our source feeds [in]), its "inputs" the
        // reverse; it rewrites both lists to whatever it left unlinked, and those are what we free.
        var openOutputs = avfilter_inout_alloc()
        var openInputs = avfilter_inout_alloc()
        guard let outputsHead = openOutputs, let inputsHead = openInputs else {
            avfilter_inout_free(&openOutputs)
            avfilter_inout_free(&openInputs)
            avfilter_graph_free(&self.graph)
            throw MediaError.ffmpeg(operation: "allocating filter links", code: cffmpeg_averror(ENOMEM))
        }
        outputsHead.pointee.name = av_strdup("in")
        outputsHead.pointee.filter_ctx = source
        outputsHead.pointee.pad_idx = 0
        outputsHead.pointee.next = nil
        inputsHead.pointee.name = av_strdup("out")
        inputsHead.pointee.filter_ctx = sink
        inputsHead.pointee.pad_idx = 0
        inputsHead.pointee.next = nil
        status = avfilter_graph_parse_ptr(graph, description, &openInputs, &openOutputs, nil)
        avfilter_inout_free(&openInputs)
        avfilter_inout_free(&openOutputs)
        guard status >= 0 else {
            avfilter_graph_free(&self.graph)
            throw MediaError.ffmpeg(operation: "parsing the filter chain \(description)", code: status)
        }
        status = avfilter_graph_config(graph, nil)
        guard status >= 0 else {
            avfilter_graph_free(&self.graph)
            throw MediaError.ffmpeg(operation: "configuring the filter chain \(description)", code: status)
        }
    }

    deinit { avfilter_graph_free(&graph) }

    var outputWidth: Int { Int(av_buffersink_get_w(sink)) }
    var outputHeight: Int { Int(av_buffersink_get_h(sink)) }
    var outputPixelFormat: AVPixelFormat { AVPixelFormat(rawValue: av_buffersink_get_format(sink)) }
    var outputTimeBase: AVRational { av_buffersink_get_time_base(sink) }

    /// Hands a frame (or nil for the end of the clip) to the graph; the graph takes the frame's buffers.
    func push(_ frame: UnsafeMutablePointer<AVFrame>?) throws {
        let status = av_buffersrc_add_frame_flags(source, frame, 0)
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "feeding a frame to the filter chain", code: status) }
    }

    /// The next filtered frame into `frame`; false when the graph needs more input or has finished.
    func pull(into frame: UnsafeMutablePointer<AVFrame>) throws -> Bool {
        let status = av_buffersink_get_frame(sink, frame)
        if status == cffmpeg_averror_eagain() || status == cffmpeg_averror_eof() { return false }
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "filtering frames", code: status) }
        return true
    }
}
