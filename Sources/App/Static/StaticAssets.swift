import CompressNIO
import Crypto
import Foundation
import NIOCore

/// The files of Public/, read once at start and served from memory: a citizen's phone gets
/// the stylesheet without a disk read, a strong ETag, a gzip copy made once, and a URL that
/// carries the content's hash, so it can be cached for a year and never goes stale.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let name: String
        /// `site.3f2a9c1b0e.css`: the name pages link to.
        let hashedName: String
        let contentType: String
        let etag: String
        let body: ByteBuffer
        /// nil when compression would not help (images, tiny files).
        let gzip: ByteBuffer?
    }

    private let byName: [String: Asset]

    /// Files smaller than this are sent as they are: gzip's header would eat the gain.
    static let compressionThreshold = 512

    init(directory: String) throws {
        var byName: [String: Asset] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        for file in files where !file.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let digest = SHA256.hash(data: data).prefix(5).map { String(format: "%02x", $0) }.joined()
            let ext = (file as NSString).pathExtension
            let stem = (file as NSString).deletingPathExtension
            let contentType = Self.contentTypes[ext.lowercased()] ?? "application/octet-stream"
            let body = ByteBuffer(bytes: data)
            var gzip: ByteBuffer?
            if Self.isText(contentType), data.count >= Self.compressionThreshold {
                var input = body
                gzip = try input.compress(with: .gzip())
            }
            let asset = Asset(
                name: file, hashedName: ext.isEmpty ? "\(stem).\(digest)" : "\(stem).\(digest).\(ext)", contentType: contentType,
                etag: "\"\(digest)\"", body: body, gzip: gzip)
            byName[asset.name] = asset
            byName[asset.hashedName] = asset
        }
        self.byName = byName
    }

    /// The asset for a requested file name, hashed or plain.
    func asset(named name: String) -> Asset? { byName[name] }

    /// The URL a page links to: `/static/<hashed name>`; the plain name if the file is missing,
    /// so a page still renders (and the missing file shows up as a 404 in the logs).
    func url(_ name: String) -> String {
        SiteURL.asset(.value(byName[name]?.hashedName ?? name)).path
    }

    /// Whether `name` is the hashed (immutable) name rather than the plain one.
    func isHashed(_ name: String) -> Bool { byName[name]?.hashedName == name }

    static func isText(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.hasPrefix("application/javascript") || contentType.hasPrefix("application/json")
            || contentType.hasPrefix("image/svg+xml")
    }

    private static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "application/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "ico": "image/x-icon", "txt": "text/plain; charset=utf-8", "json": "application/json",
        "woff2": "font/woff2",
    ]
}
