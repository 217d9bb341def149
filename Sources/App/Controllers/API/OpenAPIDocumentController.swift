import Hummingbird
import Logging

/// `GET /api/openapi.json` (product.md): the OpenAPI 3.1 document of every /api/v1 endpoint.
/// The hand-written Public/openapi.json is the one source, served byte for byte from memory
/// like the other files of Public/ (ETag, 304, gzip made once); README's Dependencies says why
/// it is not generated into server types, and `OpenAPIDocumentTests` hold the code to it.
struct OpenAPIDocumentController: Sendable {
    static let fileName = "openapi.json"
    let assets: StaticAssets

    func addRoutes(to router: Router<AppRequestContext>, logger: Logger) {
        if assets.asset(named: Self.fileName) == nil {
            // Ratings must not stop for a missing document: the route answers 404 and says so here.
            logger.warning("Public/\(Self.fileName) is missing: \(SiteURL.apiDocument.path) answers 404")
        }
        router.get(SiteURL.apiDocument.route) { request, _ in
            guard let asset = assets.asset(named: Self.fileName) else { throw AppError.notFound }
            return StaticFileController(assets: assets).serve(asset, request: request, immutable: false)
        }
    }
}
