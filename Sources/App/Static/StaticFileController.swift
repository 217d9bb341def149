import Hummingbird
import NIOCore

/// Serves Public/ from memory (`StaticAssets`): under its hashed name for a year, immutable;
/// under its plain name (old links, /favicon.ico) for an hour. Answers 304 to a matching
/// If-None-Match and sends the gzip copy to clients that accept it.
struct StaticFileController: Sendable {
    let assets: StaticAssets

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.asset(.key).route) { request, context in
            guard let name = context.parameters.get("file"), let asset = assets.asset(named: name) else { throw AppError.notFound }
            return serve(asset, request: request, immutable: assets.isHashed(name))
        }
        router.get(SiteURL.favicon.route) { request, _ in
            guard let asset = assets.asset(named: "favicon.ico") else { throw AppError.notFound }
            return serve(asset, request: request, immutable: false)
        }
    }

    func serve(_ asset: StaticAssets.Asset, request: Request, immutable: Bool) -> Response {
        var headers: HTTPFields = [
            .contentType: asset.contentType, .eTag: asset.etag,
            .cacheControl: immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        ]
        if asset.gzip != nil { headers[.vary] = "Accept-Encoding" }
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        if let gzip = asset.gzip, CompressionMiddleware<AppRequestContext>.acceptsGzip(request) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzip))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}
