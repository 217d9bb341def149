import Domain
import Foundation
import Hummingbird
import QRCode
import Storage
import Synchronization

/// `GET /qr/{token}.svg` and `.png`: the QR image of a token's rating URL.
struct QRController: Sendable {
    let database: AppDatabase
    let urls: PublicURLs
    let cache: QRImageCache
    let clock: any WallClock

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.qr(.key).route, use: image)
    }

    @Sendable func image(_ request: Request, context: AppRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        let format: QRImageCache.Format
        let token: String
        if file.hasSuffix(".svg") {
            format = .svg
            token = String(file.dropLast(4))
        } else if file.hasSuffix(".png") {
            format = .png
            token = String(file.dropLast(4))
        } else {
            throw AppError.notFound
        }
        guard TokenGenerator.isWellFormed(token) else { throw AppError.unknownToken }
        let bytes: [UInt8]
        if let cached = cache.get(token: token, format: format) {
            bytes = cached
        } else {
            // Only tokens we issued get an image: no QR factory for arbitrary URLs.
            guard try await database.ratingTarget(token: token, now: clock.now) != nil else { throw AppError.unknownToken }
            let matrix = try QRMatrix.encode(urls.rating(token: token))
            bytes = format == .svg ? Array(matrix.svg().utf8) : try matrix.png()
            cache.put(token: token, format: format, bytes: bytes)
        }
        return Response(
            status: .ok,
            headers: [.contentType: format == .svg ? "image/svg+xml" : "image/png", .cacheControl: "private, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Recently drawn QR images. A token's URL never changes, so an image never goes stale;
/// the cache is only bounded so that a scan of many tokens cannot grow memory.
final class QRImageCache: Sendable {
    enum Format: Sendable { case svg, png }

    private let entries = Mutex<[String: [UInt8]]>([:])
    private let capacity: Int

    init(capacity: Int = 2048) {
        self.capacity = capacity
    }

    func get(token: String, format: Format) -> [UInt8]? {
        entries.withLock { $0["\(format):\(token)"] }
    }

    func put(token: String, format: Format, bytes: [UInt8]) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries["\(format):\(token)"] = bytes
        }
    }
}
