import Domain
import Foundation
import Hummingbird
import NIOCore

/// JSON in and out of the API, with the limits and errors of product.md: a body that is too
/// large, not UTF-8, not JSON, or carrying unknown fields is a 4xx with a Vietnamese message.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a request body as `T`, refusing what `T` does not name.
    static func decode<T: Decodable & KnownKeys>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        guard MediaTypeCheck.matches(request, "application/json") else { throw AppError.unsupportedMediaType }
        let data = try await RequestBody.collect(request, limit: limit)
        guard String(validating: data, as: UTF8.self) != nil else { throw AppError.invalidUTF8 }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(data))
        } catch {
            throw AppError.badRequestBody
        }
        guard let dictionary = object as? [String: Any] else { throw AppError.badRequestBody }
        if let key = JSONDuplicateKeys.first(in: data) { throw AppError.repeatedField(key) }
        var unknown = Set(dictionary.keys).subtracting(T.knownKeys)
        for (key, known) in T.nestedKnownKeys {
            guard let nested = dictionary[key] as? [String: Any] else { continue }
            unknown.formUnion(Set(nested.keys).subtracting(known).map { "\(key).\($0)" })
        }
        guard unknown.isEmpty else { throw AppError.unknownFields(Array(unknown)) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(data))
        } catch let error as DecodingError {
            throw AppError.invalidJSON(error)
        }
    }
}

/// A request body type that lists its fields, so unknown ones are refused, not ignored.
protocol KnownKeys {
    static var knownKeys: Set<String> { get }
    /// The fields of the objects among them (`contact` {`name`, ...}): unknown ones are
    /// refused there too, not dropped.
    static var nestedKnownKeys: [String: Set<String>] { get }
}

extension KnownKeys {
    static var nestedKnownKeys: [String: Set<String>] { [:] }
}

extension AppError {
    /// A field sent twice, in a form or a JSON object: refused rather than guessed at.
    static func repeatedField(_ name: String) -> AppError {
        AppError(.unprocessableContent, "repeated_field", vi: "Trường '\(name)' bị gửi lặp lại.", en: "Field '\(name)' was sent twice.")
    }

    static func invalidJSON(_ error: DecodingError) -> AppError {
        let field: String
        switch error {
        case .keyNotFound(let key, _): field = key.stringValue
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            field = context.codingPath.map(\.stringValue).joined(separator: ".")
        @unknown default: field = ""
        }
        return AppError(
            .unprocessableContent, "invalid_field", vi: "Trường '\(field)' thiếu hoặc sai kiểu dữ liệu.",
            en: "Field '\(field)' is missing or has the wrong type.")
    }
}

/// Request bodies, collected with a hard limit.
enum RequestBody {
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw AppError.tooLarge
        } catch is NIOTooManyBytesError {
            // What collect(upTo:) throws when a streamed body passes the limit.
            throw AppError.tooLarge
        }
    }

    /// Parses application/x-www-form-urlencoded into name -> value. Names are unique: a
    /// repeated name is refused rather than guessed at. Invalid UTF-8, raw or percent-encoded,
    /// is refused.
    static func form(_ request: Request, limit: Int) async throws -> [String: String] {
        guard MediaTypeCheck.matches(request, "application/x-www-form-urlencoded") else { throw AppError.unsupportedMediaType }
        let bytes = try await collect(request, limit: limit)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw AppError.invalidUTF8 }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decodeComponent(parts[0]), let value = decodeComponent(parts.count > 1 ? parts[1] : "") else {
                throw AppError.invalidUTF8
            }
            guard fields[name] == nil else { throw AppError.repeatedField(name) }
            fields[name] = value
        }
        return fields
    }

    /// `+` is a space and `%XX` a byte; the bytes must form UTF-8. Done on bytes: the
    /// Foundation equivalents go through ICU and showed in profiles of the rating POST.
    static func decodeComponent(_ component: Substring) -> String? {
        let utf8 = component.utf8
        if !utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(component) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high != utf8.endIndex else { return nil }
                let low = utf8.index(after: high)
                guard low != utf8.endIndex, let h = Hex.value(of: utf8[high]), let l = Hex.value(of: utf8[low]) else { return nil }
                bytes.append(h << 4 | l)
                index = low
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        return String(validating: bytes, as: UTF8.self)
    }

}

/// Whether a request's Content-Type is `type` (any parameters such as charset allowed).
enum MediaTypeCheck {
    static func matches(_ request: Request, _ type: String) -> Bool {
        guard let header = request.headers[.contentType] else { return false }
        let essence = header.utf8.prefix { $0 != UInt8(ascii: ";") }
        return essence.count >= type.utf8.count
            && zip(essence, type.utf8).allSatisfy { a, b in a | 0x20 == b | 0x20 }
            && essence.dropFirst(type.utf8.count).allSatisfy { $0 == UInt8(ascii: " ") }
    }
}
