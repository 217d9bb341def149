import CompressNIO
import Hummingbird
import NIOCore

/// Gzips text responses (pages, JSON, CSV, SVG) for clients that accept it: a staff table or
/// the details page shrinks four- to eight-fold on a citizen's 3G link. Only bodies of known
/// length above a small size are compressed; streamed exports pass through untouched.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Below this a gzip header and trailer cost more than they save.
    static var threshold: Int { 1024 }

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
        let compressed = try plain.compress(with: .gzip(configuration: .init(compressionLevel: .compressionLevel6)))
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        response.body = .init(byteBuffer: compressed)
        return response
    }

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
