import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Storage
import Testing

@testable import App

/// Issue 7: Public/ from memory under hashed names with ETag and gzip; pages gzipped;
/// /favicon.ico served from Public/ (issue 6).
@Suite("Static files and compression")
struct StaticAndCompressionTests {
    static func publicFile(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestServer.repoRoot.appendingPathComponent("Public").appendingPathComponent(name)))
    }

    /// Every `/static/...` path a page refers to.
    static func staticLinks(_ html: String) -> [String] {
        html.components(separatedBy: "\"/static/").dropFirst().map { "/static/" + $0.prefix { $0 != "\"" } }
    }

    // MARK: 10. favicon

    @Test func theFaviconIsAnIconThatMayBeCached() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let icon = try await client.get(SiteURL.favicon.path)
            #expect(icon.status == .ok)
            #expect(icon.headers[.contentType] == "image/x-icon")
            let cache = try #require(icon.headers[.cacheControl])
            #expect(!cache.contains("no-store") && !cache.contains("no-cache"), "\(cache)")
            #expect(cache.contains("max-age="))
            #expect([UInt8](icon.body.readableBytesView) == (try Self.publicFile("favicon.ico")))
            #expect(icon.headers[.eTag] != nil)
        }
    }

    // MARK: 11. hashed names, ETag, 304, gzip

    @Test func pagesLinkHashedNamesServedImmutableWithETagAnd304AndGzip() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let counter = try #require(server.demo.counters.first { $0.unitId == server.demo.units[0].id }?.id)
        try await server.test { client in
            // Pages link hashed names only: citizens, staff, the poster, the display.
            let cookie = try await client.signIn("giamdoc")
            var linked: Set<String> = []
            let pages: [(String, String?)] = [
                (SiteURL.rating(.value(try server.posterToken())).path, nil), (SiteURL.counters.path, cookie),
                (SiteURL.counterPoster(.value(counter)).path(["size": "a5"]), cookie), (SiteURL.counterDisplay.path(["counter": String(counter)]), cookie),
            ]
            for (path, cookie) in pages {
                let page = if let cookie { try await client.get(path, cookie: cookie) } else { try await client.get(path) }
                #expect(page.status == .ok)
                let links = Self.staticLinks(page.text)
                #expect(!links.isEmpty, "\(path)")
                for link in links {
                    #expect(link.range(of: #"^/static/[a-z0-9-]+\.[0-9a-f]{10}\.(css|js)$"#, options: .regularExpression) != nil, "\(path) links \(link)")
                }
                linked.formUnion(links)
            }
            let names = Set(linked.map { String($0.split(separator: "/").last?.split(separator: ".").first ?? "") })
            #expect(names == ["site", "staff", "poster-a5", "print", "counter"], "\(names)")

            for link in linked {
                let plainName = link.split(separator: "/").last.map { $0.split(separator: ".") }.map { "\($0[0]).\($0[2])" } ?? ""
                let file = try Self.publicFile(plainName)
                let response = try await client.get(link)
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable", "\(link)")
                let etag = try #require(response.headers[.eTag])
                #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"), "a strong ETag: \(etag)")
                #expect([UInt8](response.body.readableBytesView) == file, "\(link) is \(plainName)")
                #expect(response.headers[.contentEncoding] == nil)

                let revalidated = try await client.get(link, headers: [.ifNoneMatch: etag])
                #expect(revalidated.status == .notModified, "\(link)")
                #expect(revalidated.body.readableBytes == 0)
                #expect(revalidated.headers[.eTag] == etag)
                let stale = try await client.get(link, headers: [.ifNoneMatch: "\"0000000000\""])
                #expect(stale.status == .ok)
                #expect(stale.body.readableBytes == file.count)

                if file.count >= 512 {
                    let zipped = try await client.get(link, headers: [.acceptEncoding: "gzip, deflate, br"])
                    #expect(zipped.status == .ok)
                    #expect(zipped.headers[.contentEncoding] == "gzip", "\(link)")
                    #expect(zipped.headers[.vary]?.contains("Accept-Encoding") == true)
                    #expect(zipped.body.readableBytes < file.count)
                    #expect(try gunzip(zipped.body) == file, "\(link) gunzips to the file")
                }
            }
            // The plain name still answers (old links), but is not cached for a year.
            let plain = try await client.get(SiteURL.asset(.value("site.css")).path)
            #expect(plain.status == .ok)
            #expect(plain.headers[.cacheControl]?.contains("immutable") == false)
        }
    }

    // MARK: 12. compression of pages

    @Test(arguments: [
        ("gzip", true), ("GZIP", true), ("gzip, deflate, br, zstd", true), ("deflate,gzip;q=0.5", true), (" gzip ; q=1 ", true),
        ("gzip;q=0", false), ("gzip; Q=0.000", false), ("gzip;q = 0.", false), ("deflate, br", false), ("identity", false), ("", false),
        ("*", true), ("*;q=0", false), ("*, gzip;q=0", false), ("gzip;q=0.001", true), ("x-gzip", false), ("gzipped", false),
    ])
    func acceptEncodingIsReadAsRFC9110Says(header: String, accepted: Bool) {
        #expect(CompressionMiddleware<AppRequestContext>.acceptsGzip(header) == accepted, "\(header)")
    }

    @Test func pagesAreGzippedForClientsThatAcceptIt() async throws {
        let server = try await TestServer()
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            let cookie = try await client.signIn("quantri")
            let path = SiteURL.holidays.path(["year": "2026"])
            let plain = try await client.get(path, cookie: cookie)
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.body.readableBytes > CompressionMiddleware<AppRequestContext>.threshold, "a page worth compressing")
            #expect(plain.text.hasPrefix("<!doctype html>"))
            #expect(plain.headers[.vary]?.contains("Accept-Encoding") == true)

            let zipped = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie, .acceptEncoding: "gzip"])
            #expect(zipped.status == .ok)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary]?.contains("Accept-Encoding") == true)
            #expect(zipped.headers[.contentType] == "text/html; charset=utf-8")
            #expect(zipped.body.readableBytes < plain.body.readableBytes / 2)
            #expect(try gunzip(zipped.body) == [UInt8](plain.body.readableBytesView), "the same page")

            // gzip refused with q=0 means plain.
            let refused = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie, .acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)

            // The citizen's details page: under 4 KB on the wire.
            let token = try await client.issueTicket(key: server.apiKey)
            let posted = try await client.postForm(SiteURL.rating(.value(token)).path, "overall=3")
            let location = try #require(posted.headers[.location])
            let details = try await client.get(location, headers: [.acceptEncoding: "gzip"])
            #expect(details.status == .ok)
            #expect(details.headers[.contentEncoding] == "gzip")
            #expect(details.body.readableBytes < 4 * 1024, "\(details.body.readableBytes) bytes")
            let html = String(decoding: try gunzip(details.body), as: UTF8.self)
            #expect(html.contains(#"name="access-1""#), "it is the details page")
        }
    }
}
