import Hummingbird
import Storage

/// The request context of every route: Hummingbird's core storage plus who is calling.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `APIKeyMiddleware` on routes that take an API key.
    public var apiKey: ApiKey?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        apiKey = nil
    }
}
