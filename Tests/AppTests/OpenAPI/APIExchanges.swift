import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import App

/// Real API requests and their answers, kept with the route pattern the document names them
/// by, for `check_responses.py`. Bodies are kept as the bytes' text: a JSON round trip through
/// Foundation could turn `true` into `1` and hide a wrong type.
final class APIExchanges: Sendable {
    struct Exchange: Sendable {
        var method: String
        var path: String
        var status: Int
        var contentType: String
        var body: String
        var request: String?
    }

    private let exchanges = Mutex<[Exchange]>([])

    var all: [Exchange] { exchanges.withLock { $0 } }

    /// Sends `body` (a JSON object, or raw text with its content type) to `uri`, whose route
    /// is `route`, and keeps the exchange.
    @discardableResult
    func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, route: SiteURL, json body: [String: Any]? = nil,
        raw: (String, contentType: String)? = nil, key: String? = nil, cookie: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "application/json"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        if let cookie { headers[.cookie] = cookie }
        var requestText: String?
        if let body {
            requestText = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            headers[.contentType] = "application/json"
        } else if let raw {
            headers[.contentType] = raw.contentType
        }
        let payload = requestText ?? raw?.0
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: payload.map { ByteBuffer(string: $0) })
        let exchange = Exchange(
            method: method.rawValue, path: route.path, status: Int(response.status.code), contentType: response.headers[.contentType] ?? "",
            body: String(buffer: response.body), request: requestText)
        exchanges.withLock { $0.append(exchange) }
        return response
    }

    /// The exchanges as the checker reads them.
    func write(to file: URL) throws {
        let list: [[String: Any]] = all.map { exchange in
            [
                "method": exchange.method, "path": exchange.path, "status": exchange.status, "contentType": exchange.contentType,
                "bodyText": exchange.body, "requestText": exchange.request ?? NSNull(),
            ]
        }
        try JSONSerialization.data(withJSONObject: list).write(to: file)
    }
}
