import CFFmpeg
import Foundation
import Engine

/// Encodes RGB frames as PNG files through libavcodec's PNG encoder.
public enum PNGEncoder {
    public enum Failure: Error, CustomStringConvertible {
        case encoderMissing
        case encoding(String)
        public var description: String {
            switch self {
            case .encoderMissing: return "libavcodec has no PNG encoder"
            case .encoding(let why): return "PNG encoding failed: \(why)"
            }
        }
    }

    /// One frame of 8-bit RGB (height × width × 3 bytes) → the bytes of a PNG file.
    public static func encode(rgb: [UInt8], width: Int, height: Int) throws -> Data {
        guard let codec = avcodec_find_encoder(AV_CODEC_ID_PNG) else { throw Failure.encoderMissing }
        var owned = avcodec_alloc_context3(codec)
        defer { avcodec_free_context(&owned) }
        guard let context = owned else { throw Failure.encoding("no codec context") }
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.pix_fmt = AV_PIX_FMT_RGB24
        context.pointee.time_base = AVRational(num: 1, den: 1)
        guard avcodec_open2(context, codec, nil) >= 0 else { throw Failure.encoding("cannot open the PNG encoder") }
        var ownedFrame = av_frame_alloc()
        defer { av_frame_free(&ownedFrame) }
        guard let frame = ownedFrame else { throw Failure.encoding("no frame") }
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        frame.pointee.format = AV_PIX_FMT_RGB24.rawValue
        guard av_frame_get_buffer(frame, 0) >= 0 else { throw Failure.encoding("no frame buffer") }
        let stride = Int(frame.pointee.linesize.0)
        rgb.withUnsafeBufferPointer { source in
            for row in 0..<height {
                (frame.pointee.data.0! + row * stride).update(from: source.baseAddress! + row * width * 3, count: width * 3)
            }
        }
        guard avcodec_send_frame(context, frame) >= 0, avcodec_send_frame(context, nil) >= 0 else {
            throw Failure.encoding("the encoder refused the frame")
        }
        var ownedPacket = av_packet_alloc()
        defer { av_packet_free(&ownedPacket) }
        guard let packet = ownedPacket else { throw Failure.encoding("no packet") }
        var output = Data()
        while avcodec_receive_packet(context, packet) >= 0 {
            output.append(packet.pointee.data, count: Int(packet.pointee.size))
            av_packet_unref(packet)
        }
        guard !output.isEmpty else { throw Failure.encoding("no output") }
        return output
    }
}
