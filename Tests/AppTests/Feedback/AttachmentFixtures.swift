import Foundation
import Testing

@testable import App

/// Small real files, built byte by byte, so each test shows exactly what it feeds in.
enum AttachmentFixtures {
    // MARK: JPEG

    /// A baseline 8x8 grey JPEG that decoders accept: one block whose DC difference and every
    /// AC coefficient are zero (a flat mid-grey), coded with two one-symbol Huffman tables.
    /// `extra` segments go between APP0 and the tables, where cameras put theirs.
    static func jpeg(extra: [[UInt8]] = [], trailer: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out += segment(0xE0, Array("JFIF\0".utf8) + [0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
        for piece in extra { out += piece }
        out += segment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))  // DQT, table 0, all ones
        out += segment(0xC0, [0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00])  // SOF0 8x8, 1 component
        out += segment(0xC4, [0x00] + [1] + [UInt8](repeating: 0, count: 15) + [0x00])  // DHT DC0: one code, category 0
        out += segment(0xC4, [0x10] + [1] + [UInt8](repeating: 0, count: 15) + [0x00])  // DHT AC0: one code, EOB
        out += segment(0xDA, [0x01, 0x01, 0x00, 0x00, 0x3F, 0x00])  // SOS
        out += [0x3F]  // bits 0 (DC: category 0) and 0 (AC: EOB), padded with ones
        out += [0xFF, 0xD9]
        return out + trailer
    }

    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// The GPS position the Exif segment carries: 21°1'30" N, 105°51'0" E (Hà Nội).
    static let gpsDescription = "PLACE-SECRET-HOAN-KIEM"

    /// An APP1 Exif segment as a phone writes it, reduced: IFD0 with an ImageDescription,
    /// the Orientation (6: rotate 90° to show) and a pointer to a GPS IFD with latitude and
    /// longitude.
    static func exifWithGPS() -> [UInt8] {
        var tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A] + be32(8)
        let description = Array(gpsDescription.utf8) + [0]
        // IFD0 at 8: 3 entries (12 bytes each) -> ends at 8 + 2 + 36 + 4 = 50.
        let descriptionOffset = 50
        let gpsOffset = descriptionOffset + description.count
        tiff += be16(3)
        tiff += entry(tag: 0x010E, type: 2, count: description.count, value: be32(descriptionOffset))
        tiff += entry(tag: 0x0112, type: 3, count: 1, value: be16(6) + [0, 0])
        tiff += entry(tag: 0x8825, type: 4, count: 1, value: be32(gpsOffset))
        tiff += be32(0)
        tiff += description
        // GPS IFD: 4 entries -> 2 + 48 + 4 = 54 bytes, then the two rational triples.
        let latitudeOffset = gpsOffset + 54
        let longitudeOffset = latitudeOffset + 24
        tiff += be16(4)
        tiff += entry(tag: 0x0001, type: 2, count: 2, value: Array("N\0".utf8) + [0, 0])
        tiff += entry(tag: 0x0002, type: 5, count: 3, value: be32(latitudeOffset))
        tiff += entry(tag: 0x0003, type: 2, count: 2, value: Array("E\0".utf8) + [0, 0])
        tiff += entry(tag: 0x0004, type: 5, count: 3, value: be32(longitudeOffset))
        tiff += be32(0)
        for value in [21, 1, 30, 105, 51, 0] { tiff += be32(value) + be32(1) }
        return segment(0xE1, Array("Exif\0\0".utf8) + tiff)
    }

    static func xmp() -> [UInt8] {
        segment(
            0xE1,
            Array("http://ns.adobe.com/xap/1.0/\0".utf8)
                + Array("<x:xmpmeta><rdf:Description exif:GPSLatitude=\"21,1.5N\" exif:GPSLongitude=\"105,51.0E\"/></x:xmpmeta>".utf8))
    }

    static func iptc() -> [UInt8] { segment(0xED, Array("Photoshop 3.0\08BIM\u{04}\u{04}IPTC-BYLINE-NGUYEN".utf8)) }
    static func comment() -> [UInt8] { segment(0xFE, Array("COMMENT-SECRET".utf8)) }

    private static func entry(tag: Int, type: Int, count: Int, value: [UInt8]) -> [UInt8] {
        be16(tag) + be16(type) + be32(count) + value
    }

    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func be32(_ value: Int) -> [UInt8] { [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF)] + be16(value) }

    // MARK: PNG

    /// A 1x1 8-bit grey PNG, with optional extra chunks between IHDR and IDAT.
    static func png(extra: [(String, [UInt8])] = [], trailer: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", be32(1) + be32(1) + [8, 0, 0, 0, 0])
        for (type, data) in extra { out += chunk(type, data) }
        out += chunk("IDAT", zlibStored([0x00, 0x80]))  // filter 0, one mid-grey pixel
        out += chunk("IEND", [])
        return out + trailer
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return be32(data.count) + typeBytes + data + be32(Int(CRC32.checksum(typeBytes + data)))
    }

    /// The chunk types of a PNG, in order.
    static func pngChunkTypes(_ bytes: [UInt8]) -> [String] {
        var types: [String] = []
        var index = 8
        while index + 12 <= bytes.count {
            let length = Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            types.append(String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self))
            index += 12 + length
        }
        return types
    }

    /// zlib of `data` in one stored (uncompressed) deflate block: valid for any inflater.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        let length = data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = Int(b << 16 | a)
        return [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            + data + be32(adler)
    }

    // MARK: PDF

    /// A one-page PDF; `catalogExtra` goes into the catalog dictionary, `objects` after it.
    static func pdf(catalogExtra: String = "", objects: [[UInt8]] = [], header: String = "%PDF-1.4") -> [UInt8] {
        var out = Array("\(header)\n%\u{E2}\u{E3}\n".utf8)
        out += Array("1 0 obj\n<< /Type /Catalog /Pages 2 0 R \(catalogExtra)>>\nendobj\n".utf8)
        out += Array("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n".utf8)
        out += Array("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n".utf8)
        for object in objects { out += object }
        out += Array("trailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n".utf8)
        return out
    }

    /// `number 0 obj << dictionary /Length n >> stream ... endstream endobj`.
    static func pdfStream(_ number: Int, dictionary: String, data: [UInt8]) -> [UInt8] {
        Array("\(number) 0 obj\n<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8) + data
            + Array("\nendstream\nendobj\n".utf8)
    }

    // MARK: Tools

    /// Runs a command-line tool on `bytes` written to a temporary file; returns stdout,
    /// stderr and the exit status. The tool must be installed (`make test` does it).
    static func run(_ tool: String, _ arguments: [String], on bytes: [UInt8], suffix: String) throws -> (
        out: Data, err: String, status: Int32
    ) {
        try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: `make test` installs it")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-\(UUID().uuidString).\(suffix)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments + [path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (out, String(decoding: err, as: UTF8.self), process.terminationStatus)
    }
}

extension Array where Element == UInt8 {
    func containsText(_ text: String) -> Bool {
        MultipartForm.find(Array(text.utf8), in: self, from: 0) != nil
    }
}
