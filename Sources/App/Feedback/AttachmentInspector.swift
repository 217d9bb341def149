import CompressNIO
import Crypto
import Domain
import Foundation
import NIOCore

/// The three kinds of evidence a citizen may attach (issue 8: "JPEG, PNG, PDF").
public enum AttachmentKind: String, Sendable, Codable, CaseIterable {
    case jpeg, png, pdf

    /// The type the file is served with, always with `nosniff` and as a download.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .pdf: "application/pdf"
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .pdf: "pdf"
        }
    }
}

/// A file the inspector accepted: its real kind, the bytes to store (metadata removed)
/// and the SHA-256 of those bytes, lower-case hex, to name and deduplicate them.
public struct InspectedAttachment: Sendable, Equatable {
    public var kind: AttachmentKind
    public var bytes: Data
    public var sha256: String
}

/// Why an attachment was refused. Each case maps to a 4xx `AppError` (`appError`).
public enum AttachmentError: Error, Sendable, Equatable {
    case empty
    case tooLarge(limit: Int)
    /// Not JPEG, PNG or PDF; `detected` names what it looked like when that is known
    /// ("HTML", "SVG", "ZIP", "executable", ...), for the message.
    case unsupportedType(detected: String?)
    /// Starts like `kind` but its structure is broken or truncated.
    case malformed(AttachmentKind, reason: String)
    /// A PDF with scripts, launch actions, embedded files or rich media.
    case activeContent(String)
    /// An encrypted PDF, or an object stream the inspector cannot decode: it could not be
    /// checked, so it is not accepted.
    case uncheckable(reason: String)

    public var appError: AppError {
        switch self {
        case .empty:
            return AppError(.badRequest, "empty_attachment", vi: "Tệp đính kèm rỗng.", en: "The attachment is empty.")
        case .tooLarge(let limit):
            let megabytes = max(1, limit / (1024 * 1024))
            return AppError(
                .contentTooLarge, "file_too_large", vi: "Mỗi tệp đính kèm tối đa \(megabytes) MB.",
                en: "Each attachment may be at most \(megabytes) MB.")
        case .unsupportedType(let detected):
            let what = detected.map { " (tệp này là \($0))" } ?? ""
            let whatEn = detected.map { " (this file is \($0))" } ?? ""
            return AppError(
                .unsupportedMediaType, "unsupported_attachment",
                vi: "Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF\(what). Tên và đuôi tệp không quyết định loại tệp.",
                en: "Only JPEG or PNG images and PDF files are accepted\(whatEn). The file's name does not decide its type.")
        case .malformed(let kind, _):
            return AppError(
                .unprocessableContent, "invalid_attachment",
                vi: "Tệp \(kind.rawValue.uppercased()) bị hỏng hoặc không đầy đủ. Vui lòng lưu lại tệp và gửi lại.",
                en: "The \(kind.rawValue.uppercased()) file is damaged or incomplete. Please save it again and resend.")
        case .activeContent:
            return AppError(
                .unprocessableContent, "unsafe_attachment",
                vi: "Tệp PDF có chứa mã lệnh, tệp nhúng hoặc hành động tự chạy nên không được nhận. Vui lòng in ra PDF thường hoặc chụp ảnh tài liệu.",
                en: "The PDF contains scripts, embedded files or automatic actions and is not accepted. Please print it to a plain PDF or send a photo.")
        case .uncheckable:
            return AppError(
                .unprocessableContent, "unsafe_attachment",
                vi: "Không kiểm tra được tệp PDF này (có mật khẩu hoặc mã hóa). Vui lòng gửi bản PDF không đặt mật khẩu.",
                en: "This PDF could not be checked (it is encrypted or password-protected). Please send an unprotected PDF.")
        }
    }
}

/// Decides what an uploaded file really is from its bytes, never from its name or the
/// type the client declared, and returns a cleaned copy to store.
///
/// Why: attachments are evidence that staff open on their own machines. A file named
/// `bien-ban.pdf` that is really an HTML page, or a PDF that runs JavaScript, would turn
/// a complaint form into a way to attack the officers handling it. Photos taken on phones
/// carry the place they were taken (Exif GPS) and the device; domain.md §5 allows only the
/// personal data the citizen chose to give, so that metadata is removed before storage.
///
/// Only what is positively recognised is accepted, and each kind's structure is walked
/// end to end with every length bounds-checked; anything after the image's end marker
/// (JPEG EOI, PNG IEND) - where polyglot files hide a second payload - is dropped.
public struct AttachmentInspector: Sendable {
    /// product.md: at most 5 MB per attachment.
    public static let defaultMaxBytes = 5 * 1024 * 1024

    public var maxBytes: Int

    public init(maxBytes: Int = AttachmentInspector.defaultMaxBytes) {
        self.maxBytes = maxBytes
    }

    public func inspect(_ data: Data) throws(AttachmentError) -> InspectedAttachment {
        try inspect(Array(data))
    }

    public func inspect(_ bytes: [UInt8]) throws(AttachmentError) -> InspectedAttachment {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge(limit: maxBytes) }
        let kind: AttachmentKind
        let cleaned: [UInt8]
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            kind = .jpeg
            cleaned = try JPEGCleaner.clean(bytes)
        } else if bytes.starts(with: PNGCleaner.signature) {
            kind = .png
            cleaned = try PNGCleaner.clean(bytes)
        } else if bytes.starts(with: Array("%PDF-".utf8)) {
            kind = .pdf
            try PDFCheck.check(bytes)
            cleaned = bytes
        } else {
            throw .unsupportedType(detected: Self.sniff(bytes))
        }
        let digest = SHA256.hash(data: cleaned)
        return InspectedAttachment(kind: kind, bytes: Data(cleaned), sha256: Hex.encode(digest))
    }

    /// A name for what a refused file looks like, for the message only.
    static func sniff(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(512))
        if head.starts(with: [0x4D, 0x5A]) || head.starts(with: [0x7F, 0x45, 0x4C, 0x46])
            || head.starts(with: [0xCF, 0xFA, 0xED, 0xFE]) || head.starts(with: [0xCA, 0xFE, 0xBA, 0xBE])
            || head.starts(with: Array("#!".utf8))
        {
            return "executable"
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return "ZIP" }
        if head.starts(with: Array("GIF8".utf8)) { return "GIF" }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return "WEBP" }
        if head.count >= 12, Array(head[4..<8]) == Array("ftyp".utf8) { return "HEIC/MP4" }
        let text = String(decoding: head, as: UTF8.self).lowercased()
        if text.contains("<svg") { return "SVG" }
        if text.contains("<html") || text.contains("<!doctype html") || text.contains("<script") || text.contains("<body") {
            return "HTML"
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<") { return "XML/HTML" }
        return nil
    }
}

// MARK: - JPEG

/// Walks a JPEG's segments (ITU T.81 Annex B) and keeps only what decoding needs.
///
/// Kept: SOI, APP0 `JFIF`, APP2 `ICC_PROFILE` (colours), APP14 `Adobe` (colour transform),
/// the tables (DQT, DHT, DAC, DRI, DNL), the frame (SOFn), every scan with its entropy-coded
/// data, EOI. Dropped: APP1 (Exif with GPS, XMP), APP13 (IPTC, Photoshop), COM, every other
/// APPn (MPF pointers to extra images, maker data) and anything after EOI.
///
/// One thing of Exif is carried over: the orientation (1-8), re-written as a new APP1 that
/// holds that single tag, because without it a phone photo taken upright shows on its side
/// and staff would have to turn their heads to read a receipt. It carries no position, no
/// time and no device.
enum JPEGCleaner {
    static func clean(_ bytes: [UInt8]) throws(AttachmentError) -> [UInt8] {
        func bad(_ reason: String) -> AttachmentError { .malformed(.jpeg, reason: reason) }
        let count = bytes.count
        var head: [UInt8] = [0xFF, 0xD8]  // SOI and the leading APP0 segments
        var body: [UInt8] = []  // everything after them
        body.reserveCapacity(count)
        var orientation: UInt8?
        var sawFrame = false
        var sawScan = false
        var index = 2
        while true {
            guard index < count, bytes[index] == 0xFF else { throw bad("expected a marker") }
            while index < count, bytes[index] == 0xFF { index += 1 }  // fill bytes
            guard index < count else { throw bad("truncated marker") }
            let marker = bytes[index]
            index += 1
            switch marker {
            case 0xD9:  // EOI: the end; trailing bytes are dropped.
                guard sawFrame, sawScan else { throw bad("no image data before EOI") }
                var out = head
                if let orientation { out += orientationSegment(orientation) }
                out += body
                out += [0xFF, 0xD9]
                return out
            case 0x00, 0xD8, 0xD0...0xD7, 0x01:
                throw bad("marker \(marker) outside a scan")
            default:
                break
            }
            guard index + 2 <= count else { throw bad("truncated segment length") }
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            guard length >= 2, index + length <= count else { throw bad("segment length out of bounds") }
            let payload = bytes[(index + 2)..<(index + length)]
            let segment = [0xFF, marker] + bytes[index..<(index + length)]
            index += length
            switch marker {
            case 0xE0:
                if payload.starts(with: Array("JFIF\0".utf8)) {
                    if body.isEmpty { head += segment } else { body += segment }
                }
            case 0xE1:
                if orientation == nil, let value = exifOrientation(payload), value != 1 { orientation = value }
            case 0xE2:
                if payload.starts(with: Array("ICC_PROFILE\0".utf8)) { body += segment }
            case 0xEE:
                if payload.starts(with: Array("Adobe".utf8)) { body += segment }
            case 0xE3...0xED, 0xEF, 0xFE:
                continue  // other APPn (APP13 IPTC among them) and COM: dropped
            case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF:
                // SOFn: precision, height, width, components (each 3 bytes).
                guard !sawFrame, payload.count >= 6 else { throw bad("bad or repeated frame header") }
                let start = payload.startIndex
                let width = Int(payload[start + 3]) << 8 | Int(payload[start + 4])
                let components = Int(payload[start + 5])
                guard width > 0, components > 0, payload.count == 6 + 3 * components else { throw bad("bad frame header") }
                sawFrame = true
                body += segment
            case 0xC4, 0xCC, 0xDB, 0xDC, 0xDD:
                body += segment  // DHT, DAC, DQT, DNL, DRI
            case 0xDA:
                // SOS: the header, then entropy-coded data up to the next marker that is not
                // a stuffed 0xFF00 or a restart marker.
                guard sawFrame else { throw bad("scan before frame") }
                body += segment
                let dataStart = index
                while true {
                    guard index + 1 < count else { throw bad("unterminated scan") }
                    if bytes[index] == 0xFF {
                        let next = bytes[index + 1]
                        if next == 0x00 || (0xD0...0xD7).contains(next) || next == 0xFF {
                            index += next == 0xFF ? 1 : 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                guard index > dataStart else { throw bad("empty scan") }
                body += bytes[dataStart..<index]
                sawScan = true
            default:
                throw bad("unexpected marker \(marker)")  // JPG, JPGn, reserved, TEM with a length
            }
        }
    }

    /// The Exif Orientation tag (0x0112) of IFD0, when present and valid (1-8).
    static func exifOrientation(_ payload: ArraySlice<UInt8>) -> UInt8? {
        let header = Array("Exif\0\0".utf8)
        guard payload.starts(with: header) else { return nil }
        let tiff = Array(payload.dropFirst(header.count))
        guard tiff.count >= 8 else { return nil }
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let entries = u16(ifd) else { return nil }
        for entry in 0..<min(entries, 512) {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at), let type = u16(at + 2), let number = u32(at + 4) else { return nil }
            if tag == 0x0112, type == 3, number == 1, let value = u16(at + 8), (1...8).contains(value) {
                return UInt8(value)
            }
        }
        return nil
    }

    /// An APP1 Exif segment holding only IFD0 with the Orientation tag (big-endian TIFF).
    static func orientationSegment(_ orientation: UInt8) -> [UInt8] {
        let tiff: [UInt8] =
            [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]  // "MM", 42, IFD0 at 8
            + [0x00, 0x01]  // one entry
            + [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00]
            + [0x00, 0x00, 0x00, 0x00]  // no next IFD
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}

// MARK: - PNG

/// Walks a PNG's chunks (ISO/IEC 15948), checking every CRC, and keeps the image.
///
/// Kept: the critical chunks and the ancillary ones that change how the pixels look
/// (transparency, colour space, gamma, background, physical size, animation). Dropped:
/// text (tEXt, zTXt, iTXt - where editors and phones write captions, authors, GPS in XMP),
/// eXIf, tIME, every unknown or private ancillary chunk, and anything after IEND. An
/// unknown critical chunk is refused: a decoder would refuse it too.
enum PNGCleaner {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let keptAncillary: Set<String> = [
        "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCV", "cLLI", "bKGD", "hIST", "pHYs", "sPLT",
        "acTL", "fcTL", "fdAT",
    ]
    /// Beyond this many pixels a viewer would need gigabytes to show the image.
    static let maxPixels = 100_000_000

    static func clean(_ bytes: [UInt8]) throws(AttachmentError) -> [UInt8] {
        func bad(_ reason: String) -> AttachmentError { .malformed(.png, reason: reason) }
        var out = signature
        out.reserveCapacity(bytes.count)
        var index = signature.count
        var first = true
        var colourType: UInt8 = 0
        var sawPalette = false
        var sawData = false
        while true {
            guard index + 12 <= bytes.count else { throw bad("truncated chunk") }
            let length = Int(bigEndian32(bytes, index))
            guard length <= 0x7FFF_FFFF, index + 12 + length <= bytes.count else { throw bad("chunk length out of bounds") }
            let typeBytes = Array(bytes[(index + 4)..<(index + 8)])
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw bad("invalid chunk type")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let dataRange = (index + 8)..<(index + 8 + length)
            let stored = bigEndian32(bytes, index + 8 + length)
            guard CRC32.checksum(bytes[(index + 4)..<(index + 8 + length)]) == stored else { throw bad("CRC mismatch in \(type)") }
            let chunk = bytes[index..<(index + 12 + length)]
            index += 12 + length

            if first {
                guard type == "IHDR", length == 13 else { throw bad("IHDR is not first") }
                colourType = try checkHeader(Array(bytes[dataRange]))
                first = false
                out += chunk
                continue
            }
            switch type {
            case "IHDR":
                throw bad("repeated IHDR")
            case "PLTE":
                guard !sawData, length > 0, length % 3 == 0, length <= 768 else { throw bad("bad palette") }
                sawPalette = true
                out += chunk
            case "IDAT":
                sawData = true
                out += chunk
            case "IEND":
                guard length == 0, sawData else { throw bad("IEND without image data") }
                guard colourType != 3 || sawPalette else { throw bad("indexed image without palette") }
                out += chunk
                return out
            default:
                // Bit 5 of the first letter: lower case = ancillary, upper case = critical.
                guard typeBytes[0] & 0x20 != 0 else { throw bad("unknown critical chunk \(type)") }
                if keptAncillary.contains(type) { out += chunk }
            }
        }
    }

    /// Checks IHDR (size, and a bit depth allowed for the colour type); returns the colour type.
    private static func checkHeader(_ data: [UInt8]) throws(AttachmentError) -> UInt8 {
        let width = Int(bigEndian32(data, 0))
        let height = Int(bigEndian32(data, 4))
        let depth = data[8]
        let colour = data[9]
        let allowed: [UInt8: Set<UInt8>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard (1...0x7FFF_FFFF).contains(width), (1...0x7FFF_FFFF).contains(height), width * height <= maxPixels,
            allowed[colour]?.contains(depth) == true, data[10] == 0, data[11] == 0, data[12] <= 1
        else { throw .malformed(.png, reason: "bad IHDR") }
        return colour
    }

    private static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}

/// CRC-32 (ISO 3309, the PNG and zlib polynomial), table-driven.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

// MARK: - PDF

/// Checks that a PDF is a document and nothing more; it is stored unchanged.
///
/// A PDF is accepted when it starts with `%PDF-1.0` to `%PDF-1.7` or `%PDF-2.0`, has
/// `%%EOF` in its last 1,024 bytes, holds no HTML (`<html`, `<script`: a page that a
/// browser could be talked into rendering), is not encrypted, and names none of the keys
/// that make a reader do something: `/JS`, `/JavaScript`, `/Launch`, `/EmbeddedFile(s)`,
/// `/RichMedia`. Names are compared after `#xx` escapes are decoded (`/J#53` is `/JS`), in
/// the file's objects and inside compressed object streams (PDF 1.5+ keeps dictionaries
/// there), which are inflated within a bound. Ordinary stream data (page contents, images)
/// is skipped: no reader takes a dictionary from it, and random image bytes would
/// otherwise match `/JS` now and then.
enum PDFCheck {
    static let forbidden: Set<String> = ["JS", "JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"]
    static let filterNames: Set<String> = [
        "FlateDecode", "Fl", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW", "RunLengthDecode", "RL",
        "Crypt", "DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF",
    ]
    /// One object stream inflated, and all of them together.
    static let maxInflated = 16 * 1024 * 1024
    static let maxInflatedTotal = 32 * 1024 * 1024

    static func check(_ bytes: [UInt8]) throws(AttachmentError) {
        func bad(_ reason: String) -> AttachmentError { .malformed(.pdf, reason: reason) }
        let versions = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.0"].map { Array("%PDF-\($0)".utf8) }
        guard versions.contains(where: { bytes.starts(with: $0) }) else { throw bad("unknown header") }
        let tailStart = max(0, bytes.count - 1024)
        guard MultipartForm.find(Array("%%EOF".utf8), in: bytes, from: tailStart) != nil else { throw bad("no %%EOF at the end") }
        if containsCaseInsensitive(bytes, "<script") || containsCaseInsensitive(bytes, "<html") {
            throw .unsupportedType(detected: "HTML")
        }

        var inflatedTotal = 0
        var position = 0
        let streamKeyword = Array("stream".utf8)
        let endKeyword = Array("endstream".utf8)
        while true {
            guard let found = MultipartForm.find(streamKeyword, in: bytes, from: position) else {
                try checkNames(in: bytes[position...])
                return
            }
            // `stream` as a keyword: after `>>` and white space, before CRLF or LF. The
            // `stream` of `endstream` and any other occurrence are ordinary bytes.
            let after = found + streamKeyword.count
            let isKeyword = found > 0 && (isWhite(bytes[found - 1]) || bytes[found - 1] == UInt8(ascii: ">"))
                && after < bytes.count && (bytes[after] == 10 || bytes[after] == 13)
            guard isKeyword else {
                try checkNames(in: bytes[position..<after])
                position = after
                continue
            }
            let objectText = bytes[position..<found]
            try checkNames(in: objectText)
            var dataStart = after
            if bytes[dataStart] == 13 { dataStart += 1 }
            if dataStart < bytes.count, bytes[dataStart] == 10 { dataStart += 1 }
            guard let dataEnd = MultipartForm.find(endKeyword, in: bytes, from: dataStart) else { throw bad("unterminated stream") }
            position = dataEnd + endKeyword.count

            // The stream's dictionary: from the last `obj` keyword before it.
            let objKeyword = Array("obj".utf8)
            var dictionaryStart = objectText.startIndex
            var search = found - objKeyword.count
            while search >= objectText.startIndex {
                if bytes[search..<(search + objKeyword.count)].elementsEqual(objKeyword) {
                    dictionaryStart = search
                    break
                }
                search -= 1
            }
            let dictionaryNames = names(in: bytes[dictionaryStart..<found])
            guard dictionaryNames.contains("ObjStm") else { continue }
            let filters = dictionaryNames.filter(filterNames.contains)
            var data = bytes[dataStart..<dataEnd]
            while let last = data.last, last == 10 || last == 13 { data = data.dropLast() }
            if filters.isEmpty {
                try checkNames(in: data)
            } else if filters.allSatisfy({ $0 == "FlateDecode" || $0 == "Fl" }), filters.count == 1 {
                var buffer = ByteBuffer(bytes: data)
                let inflated: ByteBuffer
                do {
                    inflated = try buffer.decompress(with: .zlib(), maxSize: min(maxInflated, maxInflatedTotal - inflatedTotal))
                } catch {
                    throw .uncheckable(reason: "object stream does not inflate")
                }
                inflatedTotal += inflated.readableBytes
                try checkNames(in: ArraySlice(inflated.readableBytesView))
            } else {
                throw .uncheckable(reason: "object stream with filters \(filters)")
            }
        }
    }

    /// Refuses forbidden names and encryption in `text`.
    private static func checkNames(in text: ArraySlice<UInt8>) throws(AttachmentError) {
        for name in names(in: text) {
            if forbidden.contains(name) { throw .activeContent(name) }
            if name == "Encrypt" { throw .uncheckable(reason: "encrypted") }
        }
    }

    /// Every name token (`/Name`) in `text`, with `#xx` escapes decoded.
    static func names(in text: ArraySlice<UInt8>) -> [String] {
        var result: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == UInt8(ascii: "/") else {
                index += 1
                continue
            }
            index += 1
            var name: [UInt8] = []
            while index < text.endIndex, !isWhite(text[index]), !isDelimiter(text[index]) {
                if text[index] == UInt8(ascii: "#"), index + 2 < text.endIndex,
                    let high = Hex.value(of: text[index + 1]), let low = Hex.value(of: text[index + 2])
                {
                    name.append(high << 4 | low)
                    index += 3
                } else {
                    name.append(text[index])
                    index += 1
                }
                if name.count > 127 { break }  // PDF names are at most 127 bytes
            }
            if !name.isEmpty { result.append(String(decoding: name, as: UTF8.self)) }
        }
        return result
    }

    private static func isWhite(_ byte: UInt8) -> Bool { [0, 9, 10, 12, 13, 32].contains(byte) }
    private static func isDelimiter(_ byte: UInt8) -> Bool { Array("()<>[]{}/%".utf8).contains(byte) }


    private static func containsCaseInsensitive(_ bytes: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == first {
            var matched = 1
            while matched < pattern.count, bytes[start + matched] | 0x20 == pattern[matched] { matched += 1 }
            if matched == pattern.count { return true }
        }
        return false
    }
}
