import CFFmpeg
import Foundation
import Engine

/// What libavformat finds in a media file: its first video stream, its length and its container tags.
public struct MediaProbe: Equatable, Sendable {
    /// libavformat's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm" or "gif".
    public let container: String
    /// e.g. "h264", "vp9", "gif".
    public let codec: String
    public let width: Int
    public let height: Int
    /// The stream's pixel format as the demuxer reports it, e.g. "yuv420p"; nil when unknown.
    public let pixelFormat: String?
    /// Video packets in the file; for these codecs one packet is one frame.
    public let packets: Int
    /// Seconds, when the container knows.
    public let duration: Double?
    /// Frames per second as averaged by the demuxer, when known.
    public let frameRate: Double?
    /// Container-level tags, keys lowercased.
    public let tags: [String: String]

    public static func open(_ url: URL) throws -> MediaProbe {
        let format = try openInput(url)
        var owned: UnsafeMutablePointer<AVFormatContext>? = format.context
        defer { avformat_close_input(&owned) }
        let context = format.context
        let index = format.videoStream
        let stream = context.pointee.streams[index]!
        let parameters = stream.pointee.codecpar!
        var packets = 0
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        while let packet, av_read_frame(context, packet) >= 0 {
            if packet.pointee.stream_index == Int32(index) { packets += 1 }
            av_packet_unref(packet)
        }
        let rawFormat = AVPixelFormat(rawValue: parameters.pointee.format)
        let rate = stream.pointee.avg_frame_rate
        let duration: Double?
        if context.pointee.duration > 0 {
            duration = Double(context.pointee.duration) / Double(AV_TIME_BASE)
        } else if stream.pointee.duration > 0 {
            duration = Double(stream.pointee.duration) * av_q2d(stream.pointee.time_base)
        } else {
            duration = nil
        }
        return MediaProbe(
            container: String(cString: context.pointee.iformat.pointee.name),
            codec: String(cString: avcodec_get_name(parameters.pointee.codec_id)),
            width: Int(parameters.pointee.width), height: Int(parameters.pointee.height),
            pixelFormat: av_get_pix_fmt_name(rawFormat).map { String(cString: $0) },
            packets: packets, duration: duration,
            frameRate: rate.den > 0 && rate.num > 0 ? av_q2d(rate) : nil,
            tags: dictionary(context.pointee.metadata))
    }

    /// Decodes every frame of the video stream: how many there are and the pixel format the decoder produces.
    public static func decodeFrames(_ url: URL) throws -> (count: Int, pixelFormat: String?) {
        var count = 0
        var pixelFormat: String?
        try decode(url) { frame in
            count += 1
            pixelFormat = av_get_pix_fmt_name(AVPixelFormat(rawValue: frame.pointee.format)).map { String(cString: $0) }
            return true
        }
        return (count, pixelFormat)
    }

    /// The first frame, converted to 8-bit RGB at its own size (to compare an export with its source).
    public static func firstFrameRGB(_ url: URL) throws -> (rgb: [UInt8], width: Int, height: Int) {
        var result: (rgb: [UInt8], width: Int, height: Int)?
        try decode(url) { frame in
            let (width, height) = (Int(frame.pointee.width), Int(frame.pointee.height))
            guard let scaler = sws_getContext(frame.pointee.width, frame.pointee.height,
                                              AVPixelFormat(rawValue: frame.pointee.format), frame.pointee.width,
                                              frame.pointee.height, AV_PIX_FMT_RGB24, SWS_BICUBIC, nil, nil, nil) else {
                throw MediaError.cannotRead(path: url.path, reason: "no conversion from its pixel format to RGB")
            }
            defer { sws_freeContext(scaler) }
            // swscale assumes BT.601 unless told; studio's exports are tagged BT.709 and the colours must match.
            let matrix = frame.pointee.colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_DEFAULT
            sws_setColorspaceDetails(scaler, sws_getCoefficients(matrix), frame.pointee.color_range == AVCOL_RANGE_JPEG ? 1 : 0,
                                     sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16)
            var rgb = [UInt8](repeating: 0, count: width * height * 3)
            try rgb.withUnsafeMutableBufferPointer { buffer in
                var planes: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
                var strides: [Int32] = [Int32(width * 3), 0, 0, 0]
                let sources: [UnsafePointer<UInt8>?] = [frame.pointee.data.0, frame.pointee.data.1, frame.pointee.data.2,
                                                         frame.pointee.data.3].map { $0.map { UnsafePointer($0) } }
                let sourceStrides = [frame.pointee.linesize.0, frame.pointee.linesize.1, frame.pointee.linesize.2,
                                     frame.pointee.linesize.3]
                let rows = sws_scale(scaler, sources, sourceStrides, 0, frame.pointee.height, &planes, &strides)
                guard rows == frame.pointee.height else {
                    throw MediaError.ffmpeg(operation: "converting the first frame of \(url.path) to RGB", code: rows)
                }
            }
            result = (rgb, width, height)
            return false
        }
        guard let result else { throw MediaError.cannotRead(path: url.path, reason: "no frame decodes") }
        return result
    }

    /// Feeds each decoded frame of the video stream to `body` until it returns false or the stream ends.
    private static func decode(_ url: URL, body: (UnsafeMutablePointer<AVFrame>) throws -> Bool) throws {
        let format = try openInput(url)
        var owned: UnsafeMutablePointer<AVFormatContext>? = format.context
        defer { avformat_close_input(&owned) }
        let parameters = format.context.pointee.streams[format.videoStream]!.pointee.codecpar!
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw MediaError.cannotRead(path: url.path, reason: "no decoder for \(String(cString: avcodec_get_name(parameters.pointee.codec_id)))")
        }
        var decoder = avcodec_alloc_context3(codec)
        var packet = av_packet_alloc()
        var frame = av_frame_alloc()
        defer {
            avcodec_free_context(&decoder)
            av_packet_free(&packet)
            av_frame_free(&frame)
        }
        guard let decoder, let packet, let frame else { throw MediaError.ffmpeg(operation: "allocating a decoder", code: cffmpeg_averror(ENOMEM)) }
        var status = avcodec_parameters_to_context(decoder, parameters)
        if status >= 0 { status = avcodec_open2(decoder, codec, nil) }
        guard status >= 0 else { throw MediaError.ffmpeg(operation: "opening the decoder for \(url.path)", code: status) }
        var wanted = true
        func receive() throws {
            while wanted {
                let status = avcodec_receive_frame(decoder, frame)
                if status == cffmpeg_averror_eagain() || status == cffmpeg_averror_eof() { return }
                guard status >= 0 else { throw MediaError.ffmpeg(operation: "decoding \(url.path)", code: status) }
                defer { av_frame_unref(frame) }
                wanted = try body(frame)
            }
        }
        while wanted, av_read_frame(format.context, packet) >= 0 {
            defer { av_packet_unref(packet) }
            guard packet.pointee.stream_index == Int32(format.videoStream) else { continue }
            status = avcodec_send_packet(decoder, packet)
            guard status >= 0 else { throw MediaError.ffmpeg(operation: "decoding \(url.path)", code: status) }
            try receive()
        }
        guard wanted else { return }
        avcodec_send_packet(decoder, nil)
        try receive()
    }

    private static func openInput(_ url: URL) throws -> (context: UnsafeMutablePointer<AVFormatContext>, videoStream: Int) {
        var context: UnsafeMutablePointer<AVFormatContext>?
        var status = avformat_open_input(&context, url.path, nil, nil)
        guard status >= 0, let opened = context else {
            throw MediaError.cannotRead(path: url.path, reason: MediaError.ffmpegMessage(status))
        }
        status = avformat_find_stream_info(opened, nil)
        let index = av_find_best_stream(opened, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
        guard status >= 0, index >= 0 else {
            avformat_close_input(&context)
            throw MediaError.cannotRead(path: url.path, reason: status < 0 ? MediaError.ffmpegMessage(status) : "no video stream")
        }
        return (opened, Int(index))
    }

    private static func dictionary(_ dictionary: OpaquePointer?) -> [String: String] {
        var result: [String: String] = [:]
        var entry: UnsafeMutablePointer<AVDictionaryEntry>?
        while let next = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX) {
            result[String(cString: next.pointee.key).lowercased()] = String(cString: next.pointee.value)
            entry = next
        }
        return result
    }
}
