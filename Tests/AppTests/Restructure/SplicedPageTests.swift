import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import App

@Suite("Pages spliced from one rendering (SplicedPage)")
struct SplicedPageTests {
    /// The details page spliced for a token and key is, byte for byte, the page rendered for
    /// them, plain and through gzip's own decoder (which checks the CRC and the size), in
    /// every variant the controller caches.
    @Test(arguments: [Language.vi, .en], [false, true])
    func splicedDetailsPageIsTheRenderedPage(language: Language, variant: Bool) async throws {
        let server = try await TestServer()
        let renderer = PageRenderer(assets: try StaticAssets(directory: TestServer.repoRoot.appendingPathComponent("Public").path))
        let forms = try await FormRegistry.load(directory: server.config.formsDirectory, database: server.database, now: server.clock.now)
        let form = try #require(forms.current(id: "sipas-counter"))
        func page(_ token: String, _ key: String) -> DetailsPage {
            DetailsPage(token: token, form: form, language: language, key: key, firstAnswerKept: variant, offerFeedback: !variant)
        }
        for _ in 0..<3 {
            let token = TokenGenerator.token()
            let key = TokenGenerator.timeOrderedKey(now: Date())
            let rendered = Array(renderer.html(page(token, key)).utf8)
            let plain = renderer.spliced("test:\(language):\(variant)", token: token, key: key, gzip: false, page: page)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(try await body(plain) == rendered)
            let zipped = renderer.spliced("test:\(language):\(variant)", token: token, key: key, gzip: true, page: page)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary] == "Accept-Encoding")
            let compressed = try await ByteBuffer(bytes: body(zipped))
            #expect(try gunzip(compressed) == rendered)
            #expect(compressed.readableBytes < 4096, "\(compressed.readableBytes) bytes on the wire")
        }
    }

    @Test func valuesLongerThanAStoredBlockAndEmptyValuesSurviveGzip() throws {
        let page = Array("<p>AAAA</p><a href=\"/r/AAAA?k=BBBB\">BBBB</a>BBBB".utf8)
        let spliced = try #require(SplicedPage(page: page, placeholders: [Array("AAAA".utf8), Array("BBBB".utf8)]))
        let long = String(repeating: "x", count: 70_000)
        let expected = Array("<p>\(long)</p><a href=\"/r/\(long)?k=\">".utf8) + Array("</a>".utf8)
        #expect(try gunzip(spliced.gzip([long, ""])) == expected)
        #expect(Array(spliced.plain([long, ""]).readableBytesView) == expected)
    }

    @Test func aPageWithoutOneOfThePlaceholdersIsNotSpliced() {
        #expect(SplicedPage(page: Array("<p>AAAA</p>".utf8), placeholders: [Array("AAAA".utf8), Array("BBBB".utf8)]) == nil)
    }

    @Test func aTokenThatIsNotLettersAndDigitsIsRenderedNotSpliced() async throws {
        let renderer = PageRenderer(assets: try StaticAssets(directory: TestServer.repoRoot.appendingPathComponent("Public").path))
        var calls: [String] = []
        let response = renderer.spliced("odd", token: "<b>\"x\"</b>", key: "abcdefgh12", gzip: true) { token, key in
            calls.append(token)
            return ErrorPage(error: AppError.unknownToken, language: .vi, header: nil) { _ in "/r/\(token)?k=\(key)" }
        }
        #expect(calls == ["<b>\"x\"</b>"], "rendered once, for the value itself")
        #expect(response.headers[.contentEncoding] == nil, "left to the compression middleware")
    }

    private func body(_ response: Response) async throws -> [UInt8] {
        final class Collector: ResponseBodyWriter, @unchecked Sendable {
            var bytes: [UInt8] = []
            func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }
            func finish(_ trailingHeaders: HTTPFields?) async throws {}
        }
        let collector = Collector()
        try await response.body.write(collector)
        return collector.bytes
    }
}
