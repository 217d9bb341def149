import HTTPTypes
import Hummingbird
import Storage

/// The request context of every route: Hummingbird's core storage plus who is calling.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `APIKeyMiddleware` on routes that take an API key.
    public var apiKey: APIKey?
    /// Set by `StaffSessionMiddleware` on staff routes.
    public var staff: StaffSession?
    /// The peer's address as the socket saw it (a proxy's, behind nginx).
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        apiKey = nil
        staff = nil
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The client's address for rate limits: the peer, or the address a local reverse proxy
    /// (nginx on loopback, deploy/) says it forwarded. A remote peer cannot claim another.
    func clientAddress(_ request: Request) -> String {
        let peer = peerAddress ?? "unknown"
        if peer == "127.0.0.1" || peer == "::1" || peerAddress == nil, let forwarded = request.headers[Self.realIP], !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return peer
    }

    // The literal is a valid field name, so the fallback is never taken.
    static let realIP = HTTPField.Name("X-Real-IP") ?? .via
}
