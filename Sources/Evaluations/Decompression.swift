import CCompression
import Foundation

/// Raw deflate (zlib) and Zstandard (libzstd, any number of frames) into a buffer one byte larger than the archive
/// declares: more output than declared, less, or input that ends before its stream does, is an error, and neither
/// library is ever given more room than that.
enum Decompression {
    static func inflate(_ input: Data, size: Int, name: String) throws(EvaluationError) -> Data {
        guard input.count < UInt32.max, size < UInt32.max else { throw EvaluationError("\(name) is too large.") }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw EvaluationError("zlib could not start.")
        }
        defer { inflateEnd(&stream) }
        var output = Data(count: size + 1)
        let status = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = UInt32(target.count)
                return CCompression.inflate(&stream, Z_FINISH)
            }
        }
        guard Int(stream.total_out) <= size else { throw EvaluationError("\(name) is larger than it declares.") }
        guard status == Z_STREAM_END else {
            throw EvaluationError(
                status == Z_BUF_ERROR ? "\(name) is truncated." : "\(name) is not valid deflate data.")
        }
        guard Int(stream.total_out) == size else { throw EvaluationError("\(name) is smaller than it declares.") }
        output.count = size
        return output
    }

    static func zstd(_ input: Data, size: Int, name: String) throws(EvaluationError) -> Data {
        guard let context = ZSTD_createDCtx() else { throw EvaluationError("libzstd could not start.") }
        defer { ZSTD_freeDCtx(context) }
        var output = Data(count: size + 1)
        var produced = 0
        var finished = true
        var failure: String?
        input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
                var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                while inBuffer.pos < inBuffer.size {
                    let before = (inBuffer.pos, outBuffer.pos)
                    let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                    if ZSTD_isError(result) != 0 {
                        failure = String(cString: ZSTD_getErrorName(result))
                        return
                    }
                    finished = result == 0
                    if (inBuffer.pos, outBuffer.pos) == before { break }
                }
                produced = outBuffer.pos
            }
        }
        if let failure { throw EvaluationError("\(name) is not valid Zstandard data: \(failure).") }
        guard produced <= size else { throw EvaluationError("\(name) is larger than it declares.") }
        guard finished else { throw EvaluationError("\(name) is truncated.") }
        guard produced == size else { throw EvaluationError("\(name) is smaller than it declares.") }
        output.count = size
        return output
    }

    /// The zip CRC-32 (zlib's), in pieces of at most 1 GiB.
    static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            var checksum: UInt = 0
            var offset = 0
            while offset < raw.count {
                let length = min(raw.count - offset, 1 << 30)
                checksum = CCompression.crc32(
                    checksum, raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
                offset += length
            }
            return UInt32(truncatingIfNeeded: checksum)
        }
    }
}
