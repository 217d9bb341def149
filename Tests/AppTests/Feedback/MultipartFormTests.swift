import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import App

/// Builds a multipart/form-data body the way browsers do.
struct MultipartBody {
    var boundary = "----HaiLongBoundary7MA4YWxkTrZu0gW"
    var bytes: [UInt8] = []
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    func field(_ name: String, _ value: String) -> MultipartBody {
        raw(headers: "Content-Disposition: form-data; name=\"\(name)\"", Array(value.utf8))
    }

    func file(_ name: String, filename: String, type: String?, _ content: [UInt8]) -> MultipartBody {
        var headers = "Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\""
        if let type { headers += "\r\nContent-Type: \(type)" }
        return raw(headers: headers, content)
    }

    func raw(headers: String, _ content: [UInt8]) -> MultipartBody {
        var copy = self
        copy.bytes += Array("--\(boundary)\r\n\(headers)\r\n\r\n".utf8) + content + Array("\r\n".utf8)
        return copy
    }

    /// The body with its closing delimiter.
    var closed: [UInt8] { bytes + Array("--\(boundary)--\r\n".utf8) }
}

@Suite struct MultipartFormTests {
    func parse(_ body: MultipartBody, limits: MultipartForm.Limits = .init()) throws(MultipartError) -> MultipartForm {
        try MultipartForm.parse(body.closed, contentType: body.contentType, limits: limits)
    }

    func refusal(_ body: [UInt8], contentType: String, limits: MultipartForm.Limits = .init()) -> MultipartError? {
        do throws(MultipartError) {
            _ = try MultipartForm.parse(body, contentType: contentType, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func fieldsAndFilesAreParsedAndTextIsNFC() throws {
        // "Nguyễn" typed with combining marks, as some phone keyboards send it.
        let decomposed = "Nguye\u{302}\u{303}n Va\u{306}n A"
        let body = MultipartBody()
            .field("kind", "phan-anh")
            .field("contact.name", decomposed)
            .field("description", "  Cán bộ hẹn 3 lần\r\nmà chưa trả hồ sơ.  ")
            .file("attachment", filename: "C:\\Users\\An\\ảnh biên nhận.jpg", type: "image/jpeg; charset=binary", AttachmentFixtures.jpeg())
            .file("attachment", filename: "", type: "application/octet-stream", [])  // an input left empty
        let form = try parse(body)
        #expect(form.fields["kind"] == "phan-anh")
        #expect(form.fields["contact.name"] == "Nguyễn Văn A")
        #expect(form.fields["contact.name"]?.unicodeScalars.count == "Nguyễn Văn A".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(form.fields["description"] == "Cán bộ hẹn 3 lần\r\nmà chưa trả hồ sơ.")
        #expect(form.files.count == 1)
        #expect(form.files.first?.fieldName == "attachment")
        #expect(form.files.first?.filename == "ảnh biên nhận.jpg")
        #expect(form.files.first?.declaredType == "image/jpeg")
        #expect(form.files.first?.bytes == AttachmentFixtures.jpeg())
    }

    @Test func aFileMayContainCRLFAndDashesWithoutEndingThePart() throws {
        let tricky = Array("line\r\n--not-the-boundary\r\n----HaiLongBoundary7MA4YWxkTrZ".utf8) + [0, 0xFF, 13, 10]
        let form = try parse(MultipartBody().file("a", filename: "x.bin", type: nil, tricky).field("b", "c"))
        #expect(form.files.first?.bytes == tricky)
        #expect(form.fields["b"] == "c")
    }

    @Test func theBoundaryMayBeQuotedAndTheParameterAnyCase() throws {
        var body = MultipartBody(boundary: "simple boundary")
        body = body.field("a", "1")
        let form = try MultipartForm.parse(body.closed, contentType: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"simple boundary\"")
        #expect(form.fields == ["a": "1"])
    }

    @Test(arguments: [
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"unclosed",
        "multipart/form-data; boundary=a; boundary=b",
        "multipart/form-data; boundary=\(String(repeating: "x", count: 71))",
        "multipart/form-data; boundary=bad\u{7F}char",
    ])
    func aMissingOrInvalidBoundaryIsRefused(_ contentType: String) {
        #expect(refusal(MultipartBody().field("a", "1").closed, contentType: contentType) == .invalidBoundary)
    }

    @Test func aBodyThatIsNotMultipartIsRefused() {
        #expect(refusal([], contentType: "application/x-www-form-urlencoded") == .notMultipart)
        #expect(MultipartError.notMultipart.appError.status == .unsupportedMediaType)
    }

    @Test func malformedBodiesAreRefused() {
        let body = MultipartBody().field("a", "1")
        let type = body.contentType
        #expect(refusal(body.bytes, contentType: type) == .unterminated, "no closing delimiter")
        #expect(refusal(Array("preamble\r\n".utf8) + body.closed, contentType: type) == .unterminated, "preamble")
        #expect(refusal(body.closed + Array("junk".utf8), contentType: type) == .unterminated, "epilogue")
        #expect(refusal(Array("--\(body.boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n".utf8), contentType: type) == .unterminated,
            "headers never end")
        #expect(refusal(Array("--\(body.boundary)".utf8), contentType: type) == .unterminated, "boundary only")
    }

    @Test(arguments: [
        ("Content-Disposition form-data; name=\"a\"", MultipartError.badHeader),
        ("Content-Disposition: form-data;\r\n name=\"a\"", .badHeader),
        ("Content-Type: text/plain", .badHeader),
        ("Content-Disposition: attachment; name=\"a\"", .badHeader),
        ("Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"", .badHeader),
        ("Content-Disposition: form-data; name=\"a\"; name=\"b\"", .badHeader),
        ("Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''x.jpg", .badHeader),
        ("Content-Disposition: form-data; filename=\"x.jpg\"", .missingName),
        ("Content-Disposition: form-data; name=\"a b\"", .invalidFieldName),
        ("Content-Disposition: form-data; name=\"\(String(repeating: "n", count: 65))\"", .fieldNameTooLong(limit: 64)),
    ] as [(String, MultipartError)])
    func aBadPartHeaderIsRefused(_ headers: String, _ expected: MultipartError) {
        let body = MultipartBody().raw(headers: headers, Array("v".utf8))
        #expect(refusal(body.closed, contentType: body.contentType) == expected)
        #expect(expected.appError.status == .badRequest)
    }

    @Test func invalidUTF8InATextFieldIsRefused() {
        let body = MultipartBody().raw(headers: "Content-Disposition: form-data; name=\"description\"", [0x43, 0xE1, 0xBA])
        #expect(refusal(body.closed, contentType: body.contentType) == .invalidUTF8(field: "description"))
        #expect(MultipartError.invalidUTF8(field: "description").appError.code == "invalid_utf8")
        let badName = MultipartBody().raw(headers: "Content-Disposition: form-data; name=\"a\"; filename=\"\u{FF}\"", [])
        var bytes = badName.closed
        if let at = MultipartForm.find(Array("\u{FF}".utf8), in: bytes, from: 0) { bytes.replaceSubrange(at..<(at + 2), with: [0xFF]) }
        #expect(refusal(bytes, contentType: badName.contentType) == .badHeader)
    }

    @Test func aFourthFileIsRefusedButEmptyFileInputsDoNotCount() throws {
        var body = MultipartBody()
        for index in 1...3 { body = body.file("attachment", filename: "\(index).jpg", type: "image/jpeg", AttachmentFixtures.jpeg()) }
        body = body.file("attachment", filename: "", type: "application/octet-stream", [])
        #expect(try parse(body).files.count == 3)
        let fourth = body.file("attachment", filename: "4.jpg", type: "image/jpeg", AttachmentFixtures.jpeg())
        #expect(refusal(fourth.closed, contentType: fourth.contentType) == .tooManyFiles(limit: 3))
        #expect(MultipartError.tooManyFiles(limit: 3).appError.message.vi == "Chỉ được gửi kèm tối đa 3 tệp.")
    }

    @Test func aRepeatedTextFieldIsRefused() {
        let body = MultipartBody().field("kind", "gop-y").field("kind", "to-cao")
        #expect(refusal(body.closed, contentType: body.contentType) == .repeatedField("kind"))
        #expect(MultipartError.repeatedField("kind").appError.status == .unprocessableContent)
    }

    @Test func sizeAndCountLimitsAreEnforced() {
        var limits = MultipartForm.Limits()
        limits.maxFileBytes = 100
        limits.maxBodyBytes = 1000
        limits.maxFieldBytes = 50
        limits.maxParts = 5
        let bigFile = MultipartBody().file("a", filename: "a.jpg", type: nil, [UInt8](repeating: 7, count: 101))
        #expect(refusal(bigFile.closed, contentType: bigFile.contentType, limits: limits) == .fileTooLarge(field: "a", limit: 100))
        let bigField = MultipartBody().field("d", String(repeating: "x", count: 51))
        #expect(refusal(bigField.closed, contentType: bigField.contentType, limits: limits) == .fieldTooLarge(field: "d", limit: 50))
        let bigBody = MultipartBody().field("d", String(repeating: "x", count: 1001))
        #expect(refusal(bigBody.closed, contentType: bigBody.contentType, limits: limits) == .bodyTooLarge(limit: 1000))
        var many = MultipartBody()
        for index in 0..<6 { many = many.field("f\(index)", "v") }
        #expect(refusal(many.closed, contentType: many.contentType, limits: limits) == .tooManyParts(limit: 5))
        var longHeaders = MultipartForm.Limits()
        longHeaders.maxHeaderBytes = 100
        let padded = MultipartBody().raw(headers: "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: \(String(repeating: "p", count: 200))", [])
        #expect(refusal(padded.closed, contentType: padded.contentType, limits: longHeaders) == .headerTooLarge(limit: 100))
        for error in [MultipartError.fileTooLarge(field: "a", limit: 5 * 1024 * 1024), .bodyTooLarge(limit: 16 * 1024 * 1024), .tooManyParts(limit: 50)] {
            #expect(error.appError.status == .contentTooLarge)
        }
        #expect(MultipartError.fileTooLarge(field: "a", limit: 5 * 1024 * 1024).appError.message.vi == "Mỗi tệp đính kèm tối đa 5 MB.")
    }

    @Test func theDefaultLimitsAreThoseOfTheFeedbackForm() {
        let limits = MultipartForm.Limits()
        #expect(limits.maxFiles == 3)
        #expect(limits.maxFileBytes == 5 * 1024 * 1024)
        #expect(limits.maxBodyBytes == 16 * 1024 * 1024)
        #expect(limits.maxParts == 50)
        #expect(limits.maxFieldNameLength == 64)
    }

    /// Through Hummingbird: the body is collected with the limit and every refusal is a 4xx
    /// JSON error with a Vietnamese message, never a 500.
    @Test func overHTTPRefusalsAre4xxWithVietnameseMessages() async throws {
        let router = Router()
        router.post("/upload") { request, _ -> String in
            var limits = MultipartForm.Limits()
            limits.maxBodyBytes = 64 * 1024
            let form = try await MultipartForm.collect(request, limits: limits)
            return "\(form.fields.count) \(form.files.count)"
        }
        let app = Application(router: router)
        try await app.test(.router) { client in
            let good = MultipartBody().field("a", "1").file("f", filename: "x.png", type: "image/png", AttachmentFixtures.png())
            try await client.execute(
                uri: "/upload", method: .post, headers: [.contentType: good.contentType], body: ByteBuffer(bytes: good.closed)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "1 1")
            }
            let big = MultipartBody().file("f", filename: "x.jpg", type: "image/jpeg", [UInt8](repeating: 1, count: 70 * 1024))
            try await client.execute(
                uri: "/upload", method: .post, headers: [.contentType: big.contentType], body: ByteBuffer(bytes: big.closed)
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("quá lớn"))
            }
            try await client.execute(
                uri: "/upload", method: .post, headers: [.contentType: "multipart/form-data"], body: ByteBuffer(bytes: good.closed)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("invalid_multipart"))
            }
            try await client.execute(
                uri: "/upload", method: .post, headers: [.contentType: good.contentType], body: ByteBuffer(bytes: good.bytes)
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/upload", method: .post, body: ByteBuffer(bytes: good.closed)) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }
}
