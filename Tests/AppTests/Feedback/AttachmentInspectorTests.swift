import Foundation
import Testing

@testable import App

/// The inspector decides by content, strips what gives a citizen away, and refuses what
/// could attack the staff who open the file.
@Suite struct AttachmentInspectorTests {
    let inspector = AttachmentInspector()

    // MARK: JPEG

    @Test func aJPEGLosesExifGPSXMPIPTCAndCommentsButStaysAValidImage() throws {
        let original = AttachmentFixtures.jpeg(extra: [
            AttachmentFixtures.exifWithGPS(), AttachmentFixtures.xmp(), AttachmentFixtures.iptc(), AttachmentFixtures.comment(),
        ])
        #expect(original.containsText(AttachmentFixtures.gpsDescription))
        let result = try inspector.inspect(original)
        let cleaned = [UInt8](result.bytes)
        #expect(result.kind == .jpeg)
        #expect(cleaned.starts(with: [0xFF, 0xD8, 0xFF, 0xE0]))
        #expect(Array(cleaned.suffix(2)) == [0xFF, 0xD9])
        for secret in [AttachmentFixtures.gpsDescription, "GPSLatitude", "IPTC-BYLINE", "COMMENT-SECRET", "Photoshop", "xap/1.0"] {
            #expect(!cleaned.containsText(secret), "\(secret) is still in the cleaned file")
        }
        // No GPS IFD pointer (tag 0x8825) and no APP13 or COM marker remain.
        #expect(MultipartForm.find([0x88, 0x25], in: cleaned, from: 0) == nil)
        #expect(MultipartForm.find([0xFF, 0xED], in: cleaned, from: 0) == nil)
        #expect(MultipartForm.find([0xFF, 0xFE], in: cleaned, from: 0) == nil)
        // Only the orientation survives, in an APP1 that holds nothing else.
        #expect(JPEGCleaner.exifOrientation(ArraySlice(JPEGCleaner.orientationSegment(6).dropFirst(4))) == 6)
        #expect(cleaned.count < original.count)
    }

    /// exiftool (a reader that is not ours) sees the GPS position before and none after,
    /// and djpeg decodes the cleaned file to the 8x8 picture without a warning.
    @Test func exiftoolFindsNoGPSAfterCleaningAndDjpegDecodesTheResult() throws {
        let original = AttachmentFixtures.jpeg(extra: [AttachmentFixtures.exifWithGPS(), AttachmentFixtures.comment()])
        let before = try AttachmentFixtures.run("/usr/bin/exiftool", ["-n", "-s3", "-GPSLatitude", "-GPSLongitude"], on: original, suffix: "jpg")
        let beforeText = String(decoding: before.out, as: UTF8.self)
        #expect(beforeText.contains("21.025"), "exiftool should read the fixture's GPS: \(beforeText) \(before.err)")

        let cleaned = [UInt8](try inspector.inspect(original).bytes)
        let after = try AttachmentFixtures.run(
            "/usr/bin/exiftool", ["-n", "-s", "-a", "-G1", "-GPS:all", "-ImageDescription", "-Comment", "-Orientation"], on: cleaned,
            suffix: "jpg")
        let afterText = String(decoding: after.out, as: UTF8.self)
        #expect(!afterText.contains("GPS"), "GPS left: \(afterText)")
        #expect(!afterText.contains("Description") && !afterText.contains("Comment"), "\(afterText)")
        #expect(afterText.contains("Orientation") && afterText.contains("6"), "orientation lost: \(afterText)")

        let decoded = try AttachmentFixtures.run("/usr/bin/djpeg", ["-pnm"], on: cleaned, suffix: "jpg")
        #expect(decoded.status == 0)
        #expect(decoded.err.isEmpty, "djpeg warned: \(decoded.err)")
        #expect(decoded.out.starts(with: Array("P5\n8 8\n255\n".utf8)))
        #expect(decoded.out.count == "P5\n8 8\n255\n".utf8.count + 64)
    }

    @Test func aJPEGWithoutOrientationGetsNoExifAtAll() throws {
        let cleaned = [UInt8](try inspector.inspect(AttachmentFixtures.jpeg(extra: [AttachmentFixtures.xmp()])).bytes)
        #expect(!cleaned.containsText("Exif"))
        #expect(MultipartForm.find([0xFF, 0xE1], in: cleaned, from: 0) == nil)
        #expect(cleaned == AttachmentFixtures.jpeg())
    }

    @Test func bytesAfterTheJPEGEndMarkerAreDropped() throws {
        let zipTail: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("payload.exe".utf8)
        let cleaned = [UInt8](try inspector.inspect(AttachmentFixtures.jpeg(trailer: zipTail)).bytes)
        #expect(cleaned == AttachmentFixtures.jpeg())
    }

    @Test(arguments: [
        ("no end marker", Array(AttachmentFixtures.jpeg().dropLast(2))),
        ("cut in a segment", Array(AttachmentFixtures.jpeg().prefix(30))),
        ("segment length past the end", [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0, 0x00, 0x00]),
        ("no frame or scan", [0xFF, 0xD8, 0xFF, 0xD9]),
        ("start marker only", [0xFF, 0xD8, 0xFF]),
    ] as [(String, [UInt8])])
    func aBrokenJPEGIsRefused(_ label: String, _ bytes: [UInt8]) {
        #expect(throws: AttachmentError.self, "\(label)") { try inspector.inspect(bytes) }
        do throws(AttachmentError) {
            _ = try inspector.inspect(bytes)
        } catch {
            guard case .malformed(.jpeg, _) = error else {
                Issue.record("\(label): \(error)")
                return
            }
            #expect(error.appError.status == .unprocessableContent)
        }
    }

    // MARK: PNG

    @Test func aPNGLosesItsTextTimeAndExifChunksAndKeepsTheImage() throws {
        let original = AttachmentFixtures.png(extra: [
            ("tEXt", Array("Comment\0GPS 21.025 105.85".utf8)),
            ("zTXt", Array("Author\0\0".utf8) + AttachmentFixtures.zlibStored(Array("Nguyen Van A".utf8))),
            ("iTXt", Array("XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>".utf8)),
            ("eXIf", [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]),
            ("tIME", [0x07, 0xEA, 1, 15, 9, 30, 0]),
            ("gAMA", AttachmentFixtures.be32(45455)),
            ("prVt", Array("private".utf8)),
        ])
        let result = try inspector.inspect(original)
        let cleaned = [UInt8](result.bytes)
        #expect(result.kind == .png)
        #expect(AttachmentFixtures.pngChunkTypes(cleaned) == ["IHDR", "gAMA", "IDAT", "IEND"])
        #expect(!cleaned.containsText("GPS") && !cleaned.containsText("xmpmeta"))
        // Every chunk of the result still carries a correct CRC: the inspector accepts it again unchanged.
        #expect(try inspector.inspect(cleaned).bytes == result.bytes)
    }

    @Test func theCRCIsTheStandardOne() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func aPNGWithABadCRCOrNoIENDOrHugeDimensionsIsRefused() {
        var badCRC = AttachmentFixtures.png()
        badCRC[30] ^= 0x01  // inside IHDR's CRC
        let noEnd = Array(AttachmentFixtures.png().dropLast(12))
        var huge = AttachmentFixtures.png()
        huge.replaceSubrange(16..<24, with: AttachmentFixtures.be32(100_000) + AttachmentFixtures.be32(100_000))
        huge.replaceSubrange(29..<33, with: AttachmentFixtures.be32(Int(CRC32.checksum(huge[12..<29]))))
        let unknownCritical = AttachmentFixtures.png(extra: [("ZZZZ", [1, 2, 3])])
        for bytes in [badCRC, noEnd, huge, unknownCritical] {
            #expect(throws: AttachmentError.self) { try inspector.inspect(bytes) }
        }
    }

    // MARK: PDF

    @Test func aPlainPDFIsAcceptedUnchanged() throws {
        let pdf = AttachmentFixtures.pdf(objects: [
            // Page content whose compressed bytes happen to spell /JS: stream data is not a dictionary.
            AttachmentFixtures.pdfStream(4, dictionary: "/Filter /DCTDecode", data: [0x00] + Array("/JS (x)".utf8) + [0xFF])
        ])
        let result = try inspector.inspect(pdf)
        #expect(result.kind == .pdf)
        #expect([UInt8](result.bytes) == pdf)
        #expect(try inspector.inspect(AttachmentFixtures.pdf(header: "%PDF-2.0")).kind == .pdf)
    }

    @Test(arguments: [
        "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>",
        "/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
        "/OpenAction << /S /Launch /F (cmd.exe) >>",
        "/Names << /EmbeddedFiles 5 0 R >>",
        "/AA << /O << /S /RichMedia >> >>",
    ])
    func aPDFWithScriptsLaunchOrEmbeddedFilesIsRefused(_ catalogExtra: String) {
        do throws(AttachmentError) {
            _ = try inspector.inspect(AttachmentFixtures.pdf(catalogExtra: catalogExtra))
            Issue.record("accepted: \(catalogExtra)")
        } catch {
            guard case .activeContent = error else {
                Issue.record("\(catalogExtra): \(error)")
                return
            }
            #expect(error.appError.status == .unprocessableContent)
            #expect(error.appError.message.vi.contains("PDF"))
        }
    }

    /// PDF 1.5 keeps dictionaries in compressed object streams: the script is found there too.
    @Test func javaScriptHiddenInACompressedObjectStreamIsFound() {
        let inner = Array("5 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>".utf8)
        let objectStream = AttachmentFixtures.pdfStream(
            6, dictionary: "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", data: AttachmentFixtures.zlibStored(inner))
        #expect(throws: AttachmentError.activeContent("JavaScript")) {
            try inspector.inspect(AttachmentFixtures.pdf(catalogExtra: "/OpenAction 5 0 R", objects: [objectStream]))
        }
        let clean = AttachmentFixtures.pdfStream(
            6, dictionary: "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
            data: AttachmentFixtures.zlibStored(Array("5 0 << /Type /Annot >>".utf8)))
        #expect((try? inspector.inspect(AttachmentFixtures.pdf(objects: [clean])))?.kind == .pdf)
        let unreadable = AttachmentFixtures.pdfStream(
            6, dictionary: "/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode", data: [1, 2, 3])
        #expect(throws: AttachmentError.self) { try inspector.inspect(AttachmentFixtures.pdf(objects: [unreadable])) }
    }

    @Test func anEncryptedPDFCannotBeCheckedAndIsRefused() {
        let encrypted = AttachmentFixtures.pdf(objects: [Array("7 0 obj\n<< /Filter /Standard /V 2 >>\nendobj\n/Encrypt 7 0 R\n".utf8)])
        #expect(throws: AttachmentError.uncheckable(reason: "encrypted")) { try inspector.inspect(encrypted) }
    }

    @Test func anHTMLPageNamedPDFIsRefused() throws {
        let html = Array("<!DOCTYPE html>\n<html><body><script>fetch('/admin')</script></body></html>\n".utf8)
        #expect(throws: AttachmentError.unsupportedType(detected: "HTML")) { try inspector.inspect(html) }
        // A polyglot: a real PDF header with a page in it.
        let polyglot = AttachmentFixtures.pdf(objects: [Array("<html><script>alert(1)</script></html>\n".utf8)])
        #expect(throws: AttachmentError.unsupportedType(detected: "HTML")) { try inspector.inspect(polyglot) }
        let error = AttachmentError.unsupportedType(detected: "HTML").appError
        #expect(error.status == .unsupportedMediaType)
        #expect(error.message.vi.contains("JPEG, PNG hoặc tệp PDF"))
    }

    @Test func aPDFWithoutItsEndOrWithAnUnknownVersionIsRefused() {
        let cut = Array(AttachmentFixtures.pdf().dropLast(7))
        #expect(throws: AttachmentError.malformed(.pdf, reason: "no %%EOF at the end")) { try inspector.inspect(cut) }
        #expect(throws: AttachmentError.malformed(.pdf, reason: "unknown header")) {
            try inspector.inspect(AttachmentFixtures.pdf(header: "%PDF-9.9"))
        }
    }

    // MARK: Other types, size, declared type

    @Test(arguments: [
        ("SVG", Array("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8)),
        ("executable", [0x4D, 0x5A, 0x90, 0x00] + [UInt8](repeating: 0, count: 60)),
        ("executable", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]),
        ("ZIP", [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0]),
        ("GIF", Array("GIF89a".utf8) + [1, 0, 1, 0]),
    ] as [(String, [UInt8])])
    func otherTypesAreRefusedNamingWhatTheyAre(_ detected: String, _ bytes: [UInt8]) {
        #expect(throws: AttachmentError.unsupportedType(detected: detected)) { try inspector.inspect(bytes) }
    }

    @Test func anOversizeOrEmptyFileIsRefused() {
        let big = AttachmentFixtures.jpeg(trailer: [UInt8](repeating: 0, count: AttachmentInspector.defaultMaxBytes))
        #expect(throws: AttachmentError.tooLarge(limit: 5 * 1024 * 1024)) { try inspector.inspect(big) }
        #expect(AttachmentError.tooLarge(limit: 5 * 1024 * 1024).appError.status == .contentTooLarge)
        #expect(AttachmentError.tooLarge(limit: 5 * 1024 * 1024).appError.message.vi.contains("5 MB"))
        #expect(throws: AttachmentError.empty) { try inspector.inspect([UInt8]()) }
    }

    /// The declared type and the name are ignored: a PNG sent as "scan.pdf, application/pdf"
    /// is a PNG, and HTML sent as "photo.jpg, image/jpeg" is refused.
    @Test func theDeclaredTypeAndNameAreIgnoredInFavourOfContent() throws {
        let body = MultipartBody()
            .file("attachment", filename: "scan.pdf", type: "application/pdf", AttachmentFixtures.png())
            .file("attachment", filename: "photo.jpg", type: "image/jpeg", Array("<html><script>x()</script></html>".utf8))
        let form = try MultipartForm.parse(body.closed, contentType: body.contentType)
        #expect(form.files.map(\.declaredType) == ["application/pdf", "image/jpeg"])
        #expect(try inspector.inspect(form.files[0].bytes).kind == .png)
        #expect(throws: AttachmentError.unsupportedType(detected: "HTML")) { try inspector.inspect(form.files[1].bytes) }
    }

    @Test func theDigestIsTheSHA256OfTheCleanedBytes() throws {
        let result = try inspector.inspect(AttachmentFixtures.jpeg(extra: [AttachmentFixtures.comment()]))
        let same = try inspector.inspect(AttachmentFixtures.jpeg())
        #expect(result.sha256 == same.sha256)
        #expect(result.sha256.count == 64)
        let empty = try inspector.inspect(AttachmentFixtures.png())
        #expect(empty.sha256 != result.sha256)
    }
}
