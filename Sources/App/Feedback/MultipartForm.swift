import Domain
import Foundation
import Hummingbird
import NIOCore

/// A `multipart/form-data` request body (RFC 7578), parsed strictly and within fixed bounds.
///
/// Why our own parser: neither Hummingbird 2.28 nor any package in the build provides one
/// (multipart-kit is not on the build machines' mirror), and `POST /feedback` takes up to
/// three attachments from a public page that anyone can post to. Everything here is bounded
/// before it is allocated or looped over: the body (collected with a limit), the number of
/// parts, each part's header block, each text field, each file and the number of files.
/// Anything the parser does not understand is refused with a 4xx, never guessed at: a
/// body two readers would split differently is how smuggled fields get past a check.
///
/// Text fields come back valid UTF-8 and NFC-normalised (Domain's `TextNormalizer`), so
/// they compare and count like the url-encoded form's fields. File parts come back as raw
/// bytes with the name and type the client claimed, which are for display only: the real
/// type is decided by `AttachmentInspector` from the content.
public struct MultipartForm: Sendable, Equatable {
    /// The bounds of one body. The defaults are those of product.md's feedback form: three
    /// attachments of at most 5 MB, and room for the text fields around them.
    public struct Limits: Sendable, Equatable {
        /// The whole body, as sent: 3 files of 5 MB plus the text fields and framing fit.
        public var maxBodyBytes = 16 * 1024 * 1024
        /// File parts (parts with a `filename`) that carry bytes.
        public var maxFiles = 3
        /// One file part's content.
        public var maxFileBytes = 5 * 1024 * 1024
        /// Parts of any kind, so a body of thousands of empty parts is refused early.
        public var maxParts = 50
        /// A field's name, in characters (our forms' names are short ASCII words).
        public var maxFieldNameLength = 64
        /// One text field's content in bytes: a 5,000-character description in Vietnamese
        /// is at most 20,000 bytes of UTF-8; 64 KB leaves room without inviting abuse.
        public var maxFieldBytes = 64 * 1024
        /// One part's header block (Content-Disposition and Content-Type lines).
        public var maxHeaderBytes = 8 * 1024

        public init() {}
    }

    /// A part that carried a file.
    public struct File: Sendable, Equatable {
        /// The form field's name (e.g. `attachment`).
        public var fieldName: String
        /// The file's name as the client gave it, without any directory part, NFC, control
        /// characters removed. For showing to staff only: never a path, never a type.
        public var filename: String
        /// The Content-Type the client declared, lower-cased without parameters; nil when
        /// none was sent. Informational: the inspector ignores it.
        public var declaredType: String?
        public var bytes: [UInt8]

        public init(fieldName: String, filename: String, declaredType: String?, bytes: [UInt8]) {
            self.fieldName = fieldName
            self.filename = filename
            self.declaredType = declaredType
            self.bytes = bytes
        }
    }

    /// Text fields by name. A name appears once: a repeated text field is refused.
    public var fields: [String: String]
    /// File parts in the order sent. Several may share a field name (`<input multiple>`).
    /// A file input left empty (an empty filename and no bytes, as browsers send it) is
    /// not listed and does not count.
    public var files: [File]

    public init(fields: [String: String] = [:], files: [File] = []) {
        self.fields = fields
        self.files = files
    }
}

/// Why a multipart body was refused. Each case maps to a 4xx `AppError` (`appError`).
public enum MultipartError: Error, Sendable, Equatable {
    /// The Content-Type is not `multipart/form-data`.
    case notMultipart
    /// No `boundary` parameter, or one RFC 2046 does not allow (1-70 characters of its set).
    case invalidBoundary
    case bodyTooLarge(limit: Int)
    /// The body does not start with the boundary, or a part is not followed by one.
    case unterminated
    /// A header line that is not `Name: value`, a folded line, a header block without its
    /// blank line, a missing or non-`form-data` Content-Disposition, a repeated header or
    /// parameter, or bytes that are not UTF-8.
    case badHeader
    case headerTooLarge(limit: Int)
    case missingName
    case invalidFieldName
    case fieldNameTooLong(limit: Int)
    case tooManyParts(limit: Int)
    case tooManyFiles(limit: Int)
    case fileTooLarge(field: String, limit: Int)
    case fieldTooLarge(field: String, limit: Int)
    case invalidUTF8(field: String)
    case repeatedField(String)

    /// What the client is told: 413 for the size limits, 415 for a body that is not
    /// multipart, 422 for a repeated field, 400 for everything malformed.
    public var appError: AppError {
        switch self {
        case .notMultipart:
            return .unsupportedMediaType
        case .invalidBoundary:
            return AppError(
                .badRequest, "invalid_multipart", vi: "Biểu mẫu gửi lên thiếu hoặc sai ranh giới (boundary).",
                en: "The multipart body has a missing or invalid boundary.")
        case .bodyTooLarge(let limit):
            return AppError(
                .contentTooLarge, "too_large", vi: "Dữ liệu gửi lên quá lớn (tối đa \(Self.megabytes(limit)) MB).",
                en: "The request body is too large (at most \(Self.megabytes(limit)) MB).")
        case .unterminated:
            return AppError(
                .badRequest, "invalid_multipart", vi: "Biểu mẫu gửi lên bị cắt ngang hoặc sai cấu trúc.",
                en: "The multipart body is truncated or malformed.")
        case .badHeader:
            return AppError(
                .badRequest, "invalid_multipart", vi: "Một phần của biểu mẫu có tiêu đề không hợp lệ.",
                en: "A part of the multipart body has an invalid header.")
        case .headerTooLarge:
            return AppError(
                .badRequest, "invalid_multipart", vi: "Tiêu đề của một phần biểu mẫu quá dài.",
                en: "A part's headers are too long.")
        case .missingName:
            return AppError(
                .badRequest, "invalid_multipart", vi: "Một phần của biểu mẫu không có tên trường.",
                en: "A part of the multipart body has no field name.")
        case .invalidFieldName:
            return AppError(
                .badRequest, "invalid_multipart", vi: "Tên trường trong biểu mẫu không hợp lệ.",
                en: "A field name in the multipart body is invalid.")
        case .fieldNameTooLong(let limit):
            return AppError(
                .badRequest, "invalid_multipart", vi: "Tên trường trong biểu mẫu dài quá \(limit) ký tự.",
                en: "A field name is longer than \(limit) characters.")
        case .tooManyParts(let limit):
            return AppError(
                .contentTooLarge, "too_many_parts", vi: "Biểu mẫu có quá nhiều phần (tối đa \(limit)).",
                en: "The form has too many parts (at most \(limit)).")
        case .tooManyFiles(let limit):
            return AppError(
                .contentTooLarge, "too_many_files", vi: "Chỉ được gửi kèm tối đa \(limit) tệp.",
                en: "At most \(limit) files may be attached.")
        case .fileTooLarge(_, let limit):
            return AppError(
                .contentTooLarge, "file_too_large", vi: "Mỗi tệp đính kèm tối đa \(Self.megabytes(limit)) MB.",
                en: "Each attachment may be at most \(Self.megabytes(limit)) MB.")
        case .fieldTooLarge(let field, _):
            return AppError(
                .contentTooLarge, "field_too_large", vi: "Nội dung trường '\(field)' quá dài.", en: "Field '\(field)' is too long.")
        case .invalidUTF8:
            return .invalidUTF8
        case .repeatedField(let name):
            return .repeatedField(name)
        }
    }

    private static func megabytes(_ bytes: Int) -> Int { max(1, bytes / (1024 * 1024)) }
}

extension MultipartForm {
    /// Collects the request body within `limits.maxBodyBytes` and parses it. Throws
    /// `AppError` only (4xx), so a handler can let it through to the error middleware.
    public static func collect(_ request: Request, limits: Limits = Limits()) async throws -> MultipartForm {
        guard let contentType = request.headers[.contentType] else { throw AppError.unsupportedMediaType }
        // The boundary is checked before the body is read: a wrong request costs nothing.
        let boundary: [UInt8]
        do throws(MultipartError) {
            boundary = try Self.boundary(fromContentType: contentType)
        } catch {
            throw error.appError
        }
        let body: [UInt8]
        do {
            body = try await RequestBody.collect(request, limit: limits.maxBodyBytes)
        } catch let error as AppError where error.status == .contentTooLarge {
            throw MultipartError.bodyTooLarge(limit: limits.maxBodyBytes).appError
        }
        do throws(MultipartError) {
            return try parse(body, boundary: boundary, limits: limits)
        } catch {
            throw error.appError
        }
    }

    /// Parses `body` sent with the Content-Type header `contentType`.
    public static func parse(_ body: [UInt8], contentType: String, limits: Limits = Limits()) throws(MultipartError) -> MultipartForm {
        try parse(body, boundary: boundary(fromContentType: contentType), limits: limits)
    }

    /// The boundary of a `multipart/form-data` Content-Type. Parameter names are
    /// case-insensitive, the value may be quoted; a repeated boundary is refused.
    static func boundary(fromContentType header: String) throws(MultipartError) -> [UInt8] {
        let pieces = header.split(separator: ";", omittingEmptySubsequences: false)
        guard let essence = pieces.first,
            essence.trimmingCharacters(in: .whitespaces).lowercased() == "multipart/form-data"
        else { throw .notMultipart }
        var found: String?
        for piece in pieces.dropFirst() {
            let parameter = piece.trimmingCharacters(in: .whitespaces)
            guard let equals = parameter.firstIndex(of: "=") else { throw .invalidBoundary }
            let name = parameter[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard name == "boundary" else { continue }
            guard found == nil else { throw .invalidBoundary }
            var value = parameter[parameter.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else { throw .invalidBoundary }
                value = String(value.dropFirst().dropLast())
            }
            found = value
        }
        guard let value = found, Self.isValidBoundary(value) else { throw .invalidBoundary }
        return Array(value.utf8)
    }

    /// RFC 2046 §5.1.1: 1-70 characters from `bchars`, not ending with a space.
    private static func isValidBoundary(_ value: String) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        let bytes = Array(value.utf8)
        return (1...70).contains(bytes.count) && bytes.allSatisfy(allowed.contains) && bytes.last != UInt8(ascii: " ")
    }

    /// The parser proper. The body is `--B CRLF part (CRLF --B CRLF part)* CRLF --B--`,
    /// followed by nothing but an optional CRLF; no preamble (browsers and curl send none).
    static func parse(_ body: [UInt8], boundary: [UInt8], limits: Limits) throws(MultipartError) -> MultipartForm {
        guard body.count <= limits.maxBodyBytes else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
        let dashBoundary = Array("--".utf8) + boundary
        let delimiter = Array("\r\n".utf8) + dashBoundary
        guard body.starts(with: dashBoundary) else { throw .unterminated }
        var position = dashBoundary.count
        var form = MultipartForm()
        var parts = 0
        while true {
            // After a boundary: "--" closes the body, CRLF opens a part, anything else is wrong.
            guard position + 2 <= body.count else { throw .unterminated }
            if body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") {
                let epilogue = body[(position + 2)...]
                guard epilogue.isEmpty || epilogue.elementsEqual([13, 10]) else { throw .unterminated }
                return form
            }
            guard body[position] == 13, body[position + 1] == 10 else { throw .unterminated }
            position += 2
            parts += 1
            guard parts <= limits.maxParts else { throw .tooManyParts(limit: limits.maxParts) }

            let headerEnd = try headerBlockEnd(body, from: position, limit: limits.maxHeaderBytes)
            let headers = try PartHeaders(body[position..<headerEnd.start], limits: limits)
            let contentStart = headerEnd.end
            guard let contentEnd = find(delimiter, in: body, from: contentStart) else { throw .unterminated }
            let content = body[contentStart..<contentEnd]
            position = contentEnd + delimiter.count

            if let filename = headers.filename {
                // A file input left empty: browsers send the part with filename="" and no bytes.
                if filename.isEmpty && content.isEmpty { continue }
                guard content.count <= limits.maxFileBytes else {
                    throw .fileTooLarge(field: headers.name, limit: limits.maxFileBytes)
                }
                guard form.files.count < limits.maxFiles else { throw .tooManyFiles(limit: limits.maxFiles) }
                form.files.append(
                    File(fieldName: headers.name, filename: filename, declaredType: headers.contentType, bytes: Array(content)))
            } else {
                guard content.count <= limits.maxFieldBytes else {
                    throw .fieldTooLarge(field: headers.name, limit: limits.maxFieldBytes)
                }
                guard let text = String(validating: content, as: UTF8.self) else { throw .invalidUTF8(field: headers.name) }
                guard form.fields[headers.name] == nil else { throw .repeatedField(headers.name) }
                form.fields[headers.name] = TextNormalizer.normalize(text)
            }
        }
    }

    /// Where the part's header block ends: the range of its terminating blank line. A part
    /// with no headers at all starts with that CRLF (refused later: no Content-Disposition).
    private static func headerBlockEnd(_ body: [UInt8], from start: Int, limit: Int) throws(MultipartError) -> (start: Int, end: Int) {
        if body[start...].starts(with: [13, 10]) { return (start, start + 2) }
        let window = min(body.count, start + limit + 4)
        guard let end = find([13, 10, 13, 10], in: body, from: start, until: window) else {
            throw window - start >= limit + 4 ? .headerTooLarge(limit: limit) : .unterminated
        }
        guard end - start <= limit else { throw .headerTooLarge(limit: limit) }
        return (end, end + 4)
    }

    /// The first index of `needle` in `haystack[from..<until]`. Candidates are found by
    /// their first byte, so the common case is one comparison per byte.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int, until: Int? = nil) -> Int? {
        let end = (until ?? haystack.count) - needle.count
        guard let first = needle.first, from <= end else { return nil }
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                var index = from
                while index <= end {
                    if buffer[index] == first {
                        var matched = 1
                        while matched < pattern.count && buffer[index + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}

/// One part's headers: Content-Disposition (required, `form-data` with a `name`) and
/// Content-Type (optional). Other headers are ignored, as RFC 7578 §4.8 asks, but must be
/// well formed; a header given twice is refused.
private struct PartHeaders {
    var name: String
    var filename: String?
    var contentType: String?

    init(_ block: ArraySlice<UInt8>, limits: MultipartForm.Limits) throws(MultipartError) {
        // Browsers send file names in raw UTF-8; anything that is not UTF-8 is refused.
        guard let text = String(validating: block, as: UTF8.self) else { throw .badHeader }
        var disposition: String?
        var contentType: String?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            // Obsolete line folding, bare CR or LF, and control characters are refused.
            guard let first = line.unicodeScalars.first, first != " ", first != "\t",
                !line.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F })
            else { throw .badHeader }
            guard let colon = line.firstIndex(of: ":") else { throw .badHeader }
            let headerName = line[..<colon]
            guard !headerName.isEmpty, headerName.unicodeScalars.allSatisfy(Self.isTokenCharacter) else { throw .badHeader }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch headerName.lowercased() {
            case "content-disposition":
                guard disposition == nil else { throw .badHeader }
                disposition = value
            case "content-type":
                guard contentType == nil else { throw .badHeader }
                contentType = value
            default:
                continue
            }
        }
        guard let disposition else { throw .badHeader }
        let parameters = try Self.dispositionParameters(disposition)
        guard let name = parameters["name"] else { throw .missingName }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isFieldNameCharacter) else { throw .invalidFieldName }
        guard name.count <= limits.maxFieldNameLength else { throw .fieldNameTooLong(limit: limits.maxFieldNameLength) }
        self.name = name
        self.filename = parameters["filename"].map(Self.displayFilename)
        self.contentType = contentType.flatMap { value in
            let essence = value.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
            return essence.isEmpty ? nil : essence
        }
    }

    /// `form-data; name="a"; filename="b"`. Values are quoted strings as browsers write
    /// them (the HTML standard escapes `"` as %22 and newlines as %0A / %0D, so a quoted
    /// value runs to the next quote and a backslash is an ordinary character) or tokens.
    /// `filename*` (RFC 5987) is refused: RFC 7578 §4.2 says not to use it.
    private static func dispositionParameters(_ value: String) throws(MultipartError) -> [String: String] {
        let scalars = Array(value.unicodeScalars)
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }
        func token() -> String {
            var out = String.UnicodeScalarView()
            while index < scalars.count, isTokenCharacter(scalars[index]) {
                out.append(scalars[index])
                index += 1
            }
            return String(out)
        }
        guard token().lowercased() == "form-data" else { throw .badHeader }
        var parameters: [String: String] = [:]
        while true {
            skipSpaces()
            if index == scalars.count { return parameters }
            guard scalars[index] == ";" else { throw .badHeader }
            index += 1
            skipSpaces()
            let name = token().lowercased()
            skipSpaces()
            guard !name.isEmpty, index < scalars.count, scalars[index] == "=" else { throw .badHeader }
            index += 1
            skipSpaces()
            let parameterValue: String
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                var out = String.UnicodeScalarView()
                while index < scalars.count, scalars[index] != "\"" {
                    out.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else { throw .badHeader }
                index += 1
                parameterValue = String(out)
            } else {
                parameterValue = token()
                guard !parameterValue.isEmpty else { throw .badHeader }
            }
            guard name != "filename*", name != "name*", parameters[name] == nil else { throw .badHeader }
            parameters[name] = parameterValue
        }
    }

    /// The last path component (Windows browsers of old sent `C:\...\a.jpg`), NFC,
    /// without control characters, at most 255 characters.
    private static func displayFilename(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(TextNormalizer.normalize(last).prefix(255))
    }

    /// RFC 9110 token characters.
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII, scalar.value > 0x20, scalar.value < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".unicodeScalars.contains(scalar)
    }

    /// Our forms' field names: ASCII letters, digits and `. _ - [ ]` (`contact.name`).
    private static func isFieldNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", "[", "]": true
        default: false
        }
    }
}
