import Foundation

/// Erases the personal metadata left in a stored attachment when its item is anonymised
/// (domain.md §5).
///
/// What an attachment holds, and what of it goes:
/// - no original file name: intake never stores the name the browser sent;
/// - JPEG and PNG: `AttachmentInspector` already dropped Exif (GPS, device, time), XMP,
///   IPTC, comments and text chunks at intake; what is left (JFIF, the colour profile, the
///   orientation) describes how to show the picture, not who took it: nothing to erase;
/// - PDF: stored as uploaded once checked, so its document information (`/Author`,
///   `/Creator`, `/Producer`, `/Title`, `/Subject`, `/Keywords`) and its XMP packet may name
///   the person or their machine: their values are overwritten with spaces here, byte for
///   byte, so every offset of the file's cross-reference table stays right and the document
///   still opens. Metadata inside compressed object streams cannot be rewritten in place
///   and stays (rare in files from phones and scanners).
///
/// What remains on purpose: the content (the evidence, part of the record NĐ 20/2008 asks to
/// keep, like the description), its kind, size, time of receipt and the SHA-256 of the
/// bytes as now stored (the record's integrity; it reveals nothing the content does not).
enum AttachmentMetadataEraser {
    static let infoKeys = ["Author", "Creator", "Producer", "Title", "Subject", "Keywords"].map { Array("/\($0)".utf8) }

    /// The attachment's bytes without personal metadata; the same bytes when there is none.
    static func erase(kind: String, bytes: Data) -> Data {
        guard kind == AttachmentKind.pdf.rawValue else { return bytes }
        var pdf = Array(bytes)
        blankInfoStrings(&pdf)
        blankXMPPackets(&pdf)
        return Data(pdf)
    }

    /// Every `/Author (...)` or `/Author <...>` (and the other keys): the string's content
    /// becomes spaces - an empty string once read.
    static func blankInfoStrings(_ pdf: inout [UInt8]) {
        for key in infoKeys {
            var position = 0
            while let found = MultipartForm.find(key, in: pdf, from: position) {
                position = found + key.count
                // A longer name (`/Authors`) is another key.
                guard position < pdf.count, !isRegular(pdf[position]) else { continue }
                while position < pdf.count, isWhite(pdf[position]) { position += 1 }
                guard position < pdf.count else { break }
                if pdf[position] == UInt8(ascii: "(") {
                    position = blankLiteral(&pdf, from: position)
                } else if pdf[position] == UInt8(ascii: "<"), position + 1 < pdf.count, pdf[position + 1] != UInt8(ascii: "<") {
                    position += 1
                    while position < pdf.count, pdf[position] != UInt8(ascii: ">") {
                        pdf[position] = 0x20
                        position += 1
                    }
                }
            }
        }
    }

    /// Blanks a literal string starting at its `(`, nested parentheses and escapes
    /// included; returns the position after its closing `)`.
    private static func blankLiteral(_ pdf: inout [UInt8], from start: Int) -> Int {
        var depth = 0
        var position = start
        while position < pdf.count {
            let byte = pdf[position]
            if byte == UInt8(ascii: "\\") {
                pdf[position] = 0x20
                if position + 1 < pdf.count { pdf[position + 1] = 0x20 }
                position += 2
                continue
            }
            if byte == UInt8(ascii: "(") {
                depth += 1
                if depth > 1 { pdf[position] = 0x20 }
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return position + 1 }
                pdf[position] = 0x20
            } else {
                pdf[position] = 0x20
            }
            position += 1
        }
        return position
    }

    /// The XML between `<?xpacket begin=...?>` and `<?xpacket end=...?>` becomes spaces: an
    /// empty packet, the same length.
    static func blankXMPPackets(_ pdf: inout [UInt8]) {
        let begin = Array("<?xpacket begin".utf8)
        let end = Array("<?xpacket end".utf8)
        let close = Array("?>".utf8)
        var position = 0
        while let found = MultipartForm.find(begin, in: pdf, from: position),
            let headerEnd = MultipartForm.find(close, in: pdf, from: found),
            let trailer = MultipartForm.find(end, in: pdf, from: headerEnd)
        {
            for index in (headerEnd + close.count)..<trailer where !isWhite(pdf[index]) { pdf[index] = 0x20 }
            position = trailer + end.count
        }
    }

    private static func isWhite(_ byte: UInt8) -> Bool { [0, 9, 10, 12, 13, 32].contains(byte) }

    /// Not white space and not a PDF delimiter: part of a name.
    private static func isRegular(_ byte: UInt8) -> Bool {
        !isWhite(byte) && !Array("()<>[]{}/%".utf8).contains(byte)
    }
}
