import Foundation
import QRCode
import Testing

@Suite("QRMatrix")
struct QRMatrixTests {
    static let url = "http://127.0.0.1:8080/r/AbCdEf123456"
    static let zbarimg = "/usr/bin/zbarimg"

    @Test("encoding a rating URL gives a square matrix of a valid QR size")
    func encode() throws {
        let matrix = try QRMatrix.encode(Self.url)

        // Versions 1...40 are 21 + 4 (v - 1) modules wide.
        #expect((21...177).contains(matrix.size))
        #expect((matrix.size - 21) % 4 == 0)
        #expect(matrix.modules.count == matrix.size * matrix.size)
        // A 35-byte URL at level M needs version 3 (29 modules): a small, scannable symbol.
        #expect(matrix.size <= 33)
    }

    @Test("the three finder patterns are where the standard puts them")
    func finderPatterns() throws {
        let matrix = try QRMatrix.encode(Self.url)
        let last = matrix.size - 1
        // Each finder: dark 7x7 ring, light ring inside it, dark 3x3 centre, light separator outside.
        for (ox, oy) in [(0, 0), (last - 6, 0), (0, last - 6)] {
            #expect(matrix[ox, oy], "outer corner of finder at \(ox),\(oy)")
            #expect(matrix[ox + 6, oy + 6])
            #expect(!matrix[ox + 1, oy + 1], "light ring of finder at \(ox),\(oy)")
            #expect(matrix[ox + 3, oy + 3], "centre of finder at \(ox),\(oy)")
        }
        #expect(!matrix[7, 7], "separator of the top-left finder is light")
    }

    @Test("encoding is deterministic")
    func deterministic() throws {
        #expect(try QRMatrix.encode(Self.url) == QRMatrix.encode(Self.url))
        #expect(try QRMatrix.encode(Self.url) != QRMatrix.encode(Self.url + "x"))
    }

    @Test("empty text is refused")
    func emptyText() {
        #expect(throws: QRCodeError.emptyText) { try QRMatrix.encode("") }
    }

    @Test("the SVG's viewBox includes the 4-module quiet zone")
    func svg() throws {
        let matrix = try QRMatrix.encode(Self.url)
        let total = matrix.size + 8

        let svg = matrix.svg()

        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains(#"viewBox="0 0 \#(total) \#(total)""#))
        #expect(svg.contains(##"<rect width="\##(total)" height="\##(total)" fill="#fff"/>"##))
        // The first dark module (top-left finder) starts 4 modules in.
        #expect(svg.contains(#"d="M4 4h7v1h-7z"#))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test("the PNG has the PNG signature and an IHDR of (size + 8) x scale pixels", arguments: [8, 4, 1])
    func png(scale: Int) throws {
        let matrix = try QRMatrix.encode(Self.url)

        let png = try matrix.png(scale: scale)

        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        try #require(png.count > 33)
        #expect(Array(png[8..<12]) == [0, 0, 0, 13])  // IHDR length
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == (matrix.size + 8) * scale)
        #expect(height == width)
        #expect(png[24] == 1)  // bit depth 1
        #expect(png[25] == 0)  // greyscale
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])  // IEND
    }

    @Test("the PNG scans back to the exact URL with zbarimg")
    func zbarRoundTrip() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.zbarimg),
            "zbarimg is not installed at \(Self.zbarimg): install the zbar-tools package; this round trip must run")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("qr.png")
        try Data(QRMatrix.encode(Self.url).png()).write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.zbarimg)
        process.arguments = ["-q", "--raw", file.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "zbarimg: \(String(decoding: stderr, as: UTF8.self))")
        #expect(String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == Self.url)
    }
}

@Suite("QRMatrix edge cases")
struct QRMatrixEdgeTests {
    @Test("Vietnamese text (multi-byte UTF-8) encodes")
    func utf8() throws {
        let matrix = try QRMatrix.encode("Phường Tam Phước")
        #expect((matrix.size - 21) % 4 == 0)
    }

    @Test(
        "a text with a NUL byte is not silently cut short")
    func nulByte() throws {
        // Either refuse the text or encode all of it; never encode only "abc".
        let full = try? QRMatrix.encode("abc\u{0}def")
        #expect(full != (try QRMatrix.encode("abc")))
    }
}
