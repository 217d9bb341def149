import CDeflate

/// zlib's raw deflate (RFC 1951: no zlib or gzip wrapper around it), fed in chunks: the
/// workbook's ZIP entries (`ZipWriter`) and the pages compressed once (`SplicedPage`).
final class RawDeflater {
    enum Failure: Error {
        case zlib(Int32)
    }

    private var stream = z_stream()
    /// Output is produced into this, then copied out: one allocation per deflater.
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    init(level: Int32) throws {
        let status = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure.zlib(status) }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// Compresses `input` and appends what zlib gives back to `output`. `flush` is zlib's:
    /// `Z_NO_FLUSH` while more input follows, `Z_FULL_FLUSH` to end a part that stands
    /// alone (byte-aligned, no reference back across it), `Z_FINISH` for the last.
    func deflate<Bytes: Collection<UInt8>>(_ input: Bytes, flush: Int32, into output: inout [UInt8]) throws {
        var input = Array(input)
        try input.withUnsafeMutableBufferPointer { inBytes in
            stream.next_in = inBytes.baseAddress
            stream.avail_in = UInt32(inBytes.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { outBytes in
                    stream.next_out = outBytes.baseAddress
                    stream.avail_out = UInt32(outBytes.count)
                    let status = CDeflate.deflate(&stream, flush)
                    return (status, outBytes.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[..<produced])
                if status == Z_STREAM_END { break }
                // Z_BUF_ERROR only says no progress was possible: not an error here.
                guard status == Z_OK || status == Z_BUF_ERROR else { throw Failure.zlib(status) }
                // Done when zlib took all the input and did not fill the output; Z_FINISH goes
                // on to the stream's end.
                if flush != Z_FINISH && stream.avail_in == 0 && produced < chunk.count { break }
            }
            stream.next_in = nil
        }
    }
}
