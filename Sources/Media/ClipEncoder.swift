import CFFmpeg
import Foundation
import Engine

/// Writes 8-bit RGB frames as an MP4 (H.264), WebM (VP9) or GIF file through libavformat, libavcodec and
/// libavfilter, with studio's settings in the container tags and in a sidecar JSON.
public struct ClipEncoder {
    /// What was written.
    public struct Result: Equatable, Sendable {
        public let url: URL
        /// The sidecar JSON, when metadata was given.
        public let sidecarURL: URL?
        public let width: Int
        public let height: Int
        /// Frames in the file (more than the clip's when interpolated).
        public let frames: Int
        public let fps: Int
    }

    public let settings: ExportSettings

    /// Checks the settings and that this FFmpeg build has the encoder (and interpolation filter) they need, so a
    /// caller can fail before spending minutes generating frames it cannot write.
    public init(settings: ExportSettings) throws {
        try settings.validate()
        guard avcodec_find_encoder_by_name(settings.format.encoderName) != nil else {
            throw MediaError.encoderMissing(encoder: settings.format.encoderName, format: settings.format)
        }
        // libx264 and libvpx report statistics at FFmpeg's default level (info); keep stderr for problems, unless
        // the process has chosen its own level.
        if av_log_get_level() == AV_LOG_INFO { av_log_set_level(AV_LOG_ERROR) }
        if settings.interpolateFPS != nil, avfilter_get_by_name("minterpolate") == nil {
            throw MediaError.filterMissing(filter: "minterpolate", neededFor: "--interpolate")
        }
        self.settings = settings
    }

    /// Exports a generated clip; its settings, with the model and studio version, go into the file and sidecar.
    @discardableResult
    public func write(_ clip: GeneratedClip, to url: URL, modelName: String, modelWeightsHash: String? = nil,
                      studioVersion: String) throws -> Result {
        let metadata = ClipMetadata(clip: clip, modelName: modelName, modelWeightsHash: modelWeightsHash,
                                    studioVersion: studioVersion)
        return try write(rgb: clip.rgb8(), frames: clip.frameCount, width: clip.width, height: clip.height,
                         metadata: metadata, to: url)
    }

    /// Encodes `frames` frames of height × width × 3 bytes each. The file appears whole or not at all: it is
    /// written beside the target under a temporary name and renamed at the end.
    @discardableResult
    public func write(rgb: [UInt8], frames: Int, width: Int, height: Int, metadata: ClipMetadata?,
                      to url: URL) throws -> Result {
        guard frames >= 1, width >= 1, height >= 1 else {
            throw MediaError.invalidFrames("need at least one frame of at least 1×1, got \(frames) frames of \(width)×\(height)")
        }
        guard rgb.count == frames * width * height * 3 else {
            throw MediaError.invalidFrames("\(frames) frames of \(width)×\(height) RGB need \(frames * width * height * 3) bytes, got \(rgb.count)")
        }
        if let interpolated = settings.interpolateFPS, frames < 2 {
            throw MediaError.invalidOption(option: "interpolate", problem: "to \(interpolated) fps needs at least 2 frames, got \(frames)")
        }
        guard let codec = avcodec_find_encoder_by_name(settings.format.encoderName) else {
            throw MediaError.encoderMissing(encoder: settings.format.encoderName, format: settings.format)
        }
        let folder = url.deletingLastPathComponent()
        try Self.checkFolder(folder, for: url)

        var exportSettings = settings
        exportSettings.crf = settings.effectiveCRF
        var recorded = metadata
        recorded?.export = exportSettings

        let token = UUID().uuidString.prefix(8)
        let temporaryMedia = folder.appendingPathComponent(".\(url.lastPathComponent).\(token).partial")
        let sidecar = recorded.map { _ in ClipMetadata.sidecarURL(for: url) }
        let temporarySidecar = sidecar.map { folder.appendingPathComponent(".\($0.lastPathComponent).\(token).partial") }
        var finished = false
        defer {
            if !finished {
                unlink(temporaryMedia.path)
                if let temporarySidecar { unlink(temporarySidecar.path) }
            }
        }

        let filters = try ClipFilterGraph(width: width, height: height, frames: frames, settings: settings)
        let session = try MuxingSession(path: temporaryMedia.path, codec: codec, filters: filters,
                                        settings: exportSettings, tags: recorded.map(ContainerTags.tags(for:)) ?? [:])
        let frameBytes = width * height * 3
        try rgb.withUnsafeBufferPointer { pixels in
            let duplicates = ClipFilterGraph.trailingDuplicates(settings: settings)
            for index in 0..<(frames + duplicates) {
                let source = min(index, frames - 1)
                try session.add(rgb: pixels.baseAddress! + source * frameBytes, width: width, height: height, pts: Int64(index))
            }
        }
        let written = try session.finish()

        if let recorded, let temporarySidecar {
            do {
                try recorded.jsonData().write(to: temporarySidecar)
            } catch {
                throw MediaError.cannotWrite(path: temporarySidecar.path, reason: error.localizedDescription)
            }
        }
        if let sidecar, let temporarySidecar { try Self.move(temporarySidecar, to: sidecar) }
        try Self.move(temporaryMedia, to: url)
        finished = true
        return Result(url: url, sidecarURL: sidecar, width: filters.outputWidth, height: filters.outputHeight,
                      frames: written, fps: settings.outputFPS)
    }

    private static func checkFolder(_ folder: URL, for url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw MediaError.cannotWrite(path: url.path, reason: "folder \(folder.path) does not exist")
        }
        guard isDirectory.boolValue else {
            throw MediaError.cannotWrite(path: url.path, reason: "\(folder.path) is not a folder")
        }
        guard access(folder.path, W_OK) == 0 else {
            throw MediaError.cannotWrite(path: url.path, reason: "folder \(folder.path) is not writable")
        }
        var targetIsDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &targetIsDirectory), targetIsDirectory.boolValue {
            throw MediaError.cannotWrite(path: url.path, reason: "a folder of that name exists")
        }
    }

    /// rename(2): atomic within a folder, and replaces an older file of the same name.
    private static func move(_ source: URL, to target: URL) throws {
        guard rename(source.path, target.path) == 0 else {
            throw MediaError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
        }
    }
}

/// One open output file: the encoder, its stream, and the packets between them. Frees everything it holds.
private final class MuxingSession {
    private var format: UnsafeMutablePointer<AVFormatContext>?
    private var encoder: UnsafeMutablePointer<AVCodecContext>?
    private var input: UnsafeMutablePointer<AVFrame>?
    private var filtered: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private let stream: UnsafeMutablePointer<AVStream>
    private let filters: ClipFilterGraph
    private let path: String
    private var framesEncoded = 0

    init(path: String, codec: UnsafePointer<AVCodec>, filters: ClipFilterGraph, settings: ExportSettings,
         tags: [String: String]) throws {
        self.path = path
        self.filters = filters
        var format: UnsafeMutablePointer<AVFormatContext>?
        var status = avformat_alloc_output_context2(&format, nil, settings.format.muxerName, path)
        guard status >= 0, let format else {
            throw MediaError.ffmpeg(operation: "preparing a .\(settings.format.fileExtension) file", code: status)
        }
        self.format = format
        guard let stream = avformat_new_stream(format, nil),
              let encoder = avcodec_alloc_context3(codec),
              let input = av_frame_alloc(), let filtered = av_frame_alloc(), let packet = av_packet_alloc() else {
            avformat_free_context(format)
            self.format = nil
            throw MediaError.ffmpeg(operation: "allocating the encoder", code: cffmpeg_averror(ENOMEM))
        }
        self.stream = stream
        self.encoder = encoder
        self.input = input
        self.filtered = filtered
        self.packet = packet

        let frameRate = AVRational(num: Int32(settings.outputFPS), den: 1)
        encoder.pointee.width = Int32(filters.outputWidth)
        encoder.pointee.height = Int32(filters.outputHeight)
        encoder.pointee.pix_fmt = filters.outputPixelFormat
        encoder.pointee.time_base = filters.outputTimeBase
        encoder.pointee.framerate = frameRate
        encoder.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        if format.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 {
            encoder.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER)
        }
        var options: OpaquePointer?
        defer { av_dict_free(&options) }
        switch settings.format {
        case .mp4, .webm:
            // Tagged as what the filter chain produced (BT.709, limited range) so players convert back faithfully.
            encoder.pointee.colorspace = AVCOL_SPC_BT709
            encoder.pointee.color_primaries = AVCOL_PRI_BT709
            encoder.pointee.color_trc = AVCOL_TRC_BT709
            encoder.pointee.color_range = AVCOL_RANGE_MPEG
            if let crf = settings.effectiveCRF { av_dict_set(&options, "crf", String(crf), 0) }
            if settings.format == .mp4 {
                av_dict_set(&options, "preset", "medium", 0)
            } else {
                // Constant quality: no bitrate target alongside the CRF.
                encoder.pointee.bit_rate = 0
                av_dict_set(&options, "deadline", "good", 0)
                av_dict_set(&options, "cpu-used", "4", 0)
                av_dict_set(&options, "row-mt", "1", 0)
            }
        case .gif:
            break
        }
        status = avcodec_open2(encoder, codec, &options)
        guard status >= 0 else {
            throw MediaError.ffmpeg(operation: "opening the \(settings.format.encoderName) encoder for "
                                    + "\(filters.outputWidth)×\(filters.outputHeight)", code: status)
        }
        status = avcodec_parameters_from_context(stream.pointee.codecpar, encoder)
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "describing the video stream", code: status) }
        stream.pointee.time_base = encoder.pointee.time_base
        stream.pointee.avg_frame_rate = frameRate
        stream.pointee.r_frame_rate = frameRate
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            av_dict_set(&format.pointee.metadata, key, value, 0)
        }

        status = avio_open(&format.pointee.pb, path, AVIO_FLAG_WRITE)
        guard status >= 0 else {
            throw MediaError.cannotWrite(path: path, reason: MediaError.ffmpegMessage(status))
        }
        var muxerOptions: OpaquePointer?
        defer { av_dict_free(&muxerOptions) }
        switch settings.format {
        // faststart moves the index to the front so the file plays while it downloads.
        case .mp4: av_dict_set(&muxerOptions, "movflags", "+faststart", 0)
        case .gif: av_dict_set(&muxerOptions, "loop", "0", 0)
        case .webm: break
        }
        status = avformat_write_header(format, &muxerOptions)
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "writing the file header of \(path)", code: status) }
    }

    deinit {
        if let format, format.pointee.pb != nil { avio_closep(&format.pointee.pb) }
        avformat_free_context(format)
        avcodec_free_context(&encoder)
        av_frame_free(&input)
        av_frame_free(&filtered)
        av_packet_free(&packet)
    }

    func add(rgb: UnsafePointer<UInt8>, width: Int, height: Int, pts: Int64) throws {
        guard let input else { return }
        av_frame_unref(input)
        input.pointee.width = Int32(width)
        input.pointee.height = Int32(height)
        input.pointee.format = AV_PIX_FMT_RGB24.rawValue
        let status = av_frame_get_buffer(input, 0)
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "allocating a frame", code: status) }
        let stride = Int(input.pointee.linesize.0)
        let rowBytes = width * 3
        for row in 0..<height {
            (input.pointee.data.0! + row * stride).update(from: rgb + row * rowBytes, count: rowBytes)
        }
        input.pointee.pts = pts
        try filters.push(input)
        try drainFilters()
    }

    /// Flushes the filters, the encoder and the muxer; returns the number of frames written.
    func finish() throws -> Int {
        try filters.push(nil)
        try drainFilters()
        try encode(nil)
        guard let format else { return framesEncoded }
        let status = av_write_trailer(format)
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "finishing \(path)", code: status) }
        let closeStatus = avio_closep(&format.pointee.pb)
        guard closeStatus >= 0 else { throw MediaError.cannotWrite(path: path, reason: MediaError.ffmpegMessage(closeStatus)) }
        return framesEncoded
    }

    private func drainFilters() throws {
        guard let filtered else { return }
        while try filters.pull(into: filtered) {
            // Let the encoder decide frame types rather than inherit any from the filters.
            filtered.pointee.pict_type = AV_PICTURE_TYPE_NONE
            defer { av_frame_unref(filtered) }
            try encode(filtered)
            framesEncoded += 1
        }
    }

    private func encode(_ frame: UnsafeMutablePointer<AVFrame>?) throws {
        guard let encoder, let packet, let format else { return }
        var status = avcodec_send_frame(encoder, frame)
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "encoding a frame", code: status) }
        while true {
            status = avcodec_receive_packet(encoder, packet)
            if status == cffmpeg_averror_eagain() || status == cffmpeg_averror_eof() { return }
            guard status >= 0 else { throw MediaError.ffmpeg(operation: "encoding a frame", code: status) }
            av_packet_rescale_ts(packet, encoder.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            // Takes the packet's data; the packet is left blank for the next receive.
            status = av_interleaved_write_frame(format, packet)
            guard status >= 0 else { throw MediaError.ffmpeg(operation: "writing \(path)", code: status) }
        }
    }
}
