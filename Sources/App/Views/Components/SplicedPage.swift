import CDeflate
import NIOCore

/// A page that is the same for every visitor but for a few values (the details page: its
/// token and its key), rendered once with placeholders and kept as its fixed parts, plain and
/// compressed. Each visitor's page is then spliced, not rendered:
/// - plain, the fixed parts and the values are copied;
/// - gzipped, each fixed part's deflate blocks are copied as they were compressed once (level
///   9, each part ended by a full flush: byte-aligned, and nothing after refers back across
///   it), each value goes in as a stored block, and the gzip trailer's CRC-32 is combined
///   from the parts' (zlib's `crc32_combine`).
/// Why: compressing the 11.8 KB details page for each citizen was a tenth of a survey's
/// server time, and rendering it another share (bench/README.md, 2026-11-30).
///
/// Values are written as they are: the caller passes only ASCII letters and digits (tokens
/// and keys), which escaping would leave unchanged.
struct SplicedPage: Sendable {
    private enum Part: Sendable {
        case fixed(plain: [UInt8], deflated: [UInt8], crc: UInt)
        case value(Int)
    }

    private let parts: [Part]
    private let fixedPlainBytes: Int
    private let fixedDeflatedBytes: Int

    /// Splits `page` where each placeholder stands (placeholder i becomes value i), or nil
    /// when one of them does not occur (the page would not show that value).
    init?(page: [UInt8], placeholders: [[UInt8]]) {
        var pieces: [(fixed: ArraySlice<UInt8>?, value: Int?)] = []
        var seen = Set<Int>()
        var start = 0
        var index = 0
        while index < page.count {
            let found = placeholders.firstIndex { placeholder in
                !placeholder.isEmpty && page[index] == placeholder[0] && index + placeholder.count <= page.count
                    && page[index..<index + placeholder.count].elementsEqual(placeholder)
            }
            guard let found else {
                index += 1
                continue
            }
            if start < index { pieces.append((page[start..<index], nil)) }
            pieces.append((nil, found))
            seen.insert(found)
            index += placeholders[found].count
            start = index
        }
        if start < page.count { pieces.append((page[start...], nil)) }
        guard seen.count == placeholders.count else { return nil }

        let fixed = pieces.compactMap(\.fixed)
        guard let deflated = Self.deflateEachFlushed(fixed) else { return nil }
        var compressed = deflated.makeIterator()
        parts = pieces.map { piece in
            if let value = piece.value { return .value(value) }
            let plain = Array(piece.fixed ?? [])
            let crc = plain.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
            return .fixed(plain: plain, deflated: compressed.next() ?? [], crc: crc)
        }
        fixedPlainBytes = fixed.reduce(0) { $0 + $1.count }
        fixedDeflatedBytes = deflated.reduce(0) { $0 + $1.count }
    }

    /// The page with `values` in place, uncompressed.
    func plain(_ values: [String]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(fixedPlainBytes + values.reduce(0) { $0 + $1.utf8.count * 4 })
        for part in parts {
            switch part {
            case .fixed(let plain, _, _): buffer.writeBytes(plain)
            case .value(let index): buffer.writeString(Self.value(index, of: values))
            }
        }
        return buffer
    }

    /// The page with `values` in place, as a gzip member (RFC 1952).
    func gzip(_ values: [String]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(fixedDeflatedBytes + 32 + values.reduce(0) { $0 + ($1.utf8.count + 5) * 4 })
        // ID1 ID2, deflate, no flags, no time, no extra flags, Unix.
        buffer.writeBytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])
        var crc: UInt = 0
        var size = 0
        for part in parts {
            switch part {
            case .fixed(let plain, let deflated, let partCRC):
                buffer.writeBytes(deflated)
                crc = crc32_combine(crc, partCRC, plain.count)
                size += plain.count
            case .value(let index):
                let bytes = Array(Self.value(index, of: values).utf8)
                // Stored blocks (RFC 1951 3.2.4): not final, type 00, then LEN and its
                // complement; at most 65,535 bytes each.
                var offset = 0
                repeat {
                    let length = min(bytes.count - offset, 65_535)
                    buffer.writeInteger(UInt8(0))
                    buffer.writeInteger(UInt16(length), endianness: .little)
                    buffer.writeInteger(~UInt16(length), endianness: .little)
                    buffer.writeBytes(bytes[offset..<offset + length])
                    offset += length
                } while offset < bytes.count
                crc = bytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
                size += bytes.count
            }
        }
        // The final block: stored and empty. Then CRC-32 and the size modulo 2^32.
        buffer.writeBytes([1, 0, 0, 0xff, 0xff])
        buffer.writeInteger(UInt32(truncatingIfNeeded: crc), endianness: .little)
        buffer.writeInteger(UInt32(truncatingIfNeeded: size), endianness: .little)
        return buffer
    }

    private static func value(_ index: Int, of values: [String]) -> String {
        values.indices.contains(index) ? values[index] : ""
    }

    /// Each piece compressed in one raw deflate stream, each ended by a full flush, so each
    /// piece's blocks stand alone and can be put between other blocks.
    private static func deflateEachFlushed(_ pieces: [ArraySlice<UInt8>]) -> [[UInt8]]? {
        guard let deflater = try? RawDeflater(level: 9) else { return nil }
        var result: [[UInt8]] = []
        for piece in pieces {
            var output: [UInt8] = []
            guard (try? deflater.deflate(piece, flush: Z_FULL_FLUSH, into: &output)) != nil else { return nil }
            result.append(output)
        }
        return result
    }
}
