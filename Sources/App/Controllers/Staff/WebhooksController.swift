import Domain
import Foundation
import Hummingbird
import Storage

/// `/admin/webhooks`: a unit's webhooks for those who manage them (AccessPolicy
/// `.manageWebhooks`: administrators, and a director for their own unit). Every post is
/// CSRF-checked; a webhook of a unit outside the account's reach is refused (403).
struct WebhooksController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let scope: UnitScope
    let vault: ContactVault
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.webhooks.route, use: list)
        staff.post(SiteURL.webhooks.route, use: create)
        staff.post(SiteURL.webhookDisable(.key).route) { request, context in try await setActive(request, context: context, active: false) }
        staff.post(SiteURL.webhookEnable(.key).route) { request, context in try await setActive(request, context: context, active: true) }
        staff.post(SiteURL.webhookDelete(.key).route, use: delete)
        staff.post(SiteURL.webhookTest(.key).route, use: sendTest)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .manageWebhooks)
        let notice: LocalizedText? =
            switch request.uri.queryParameters.get("done") {
            case "test": LocalizedText(vi: "Đã xếp một lần gửi thử; kết quả hiện ở nhật ký gửi.", en: "A test delivery is queued; see the delivery log.")
            case "disabled": LocalizedText(vi: "Đã tắt webhook.", en: "Webhook disabled.")
            case "enabled": LocalizedText(vi: "Đã bật lại webhook.", en: "Webhook enabled.")
            case "deleted": LocalizedText(vi: "Đã xóa webhook.", en: "Webhook deleted.")
            default: nil
            }
        return try await page(session, unit, request, notice: notice)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 8192)
        try CSRF.check(fields, session: session)
        let unit = try await scope.unit(request, session: session, for: .manageWebhooks)
        func refuse(_ vi: String, _ en: String) async throws -> Response {
            try await page(session, unit, request, input: fields, error: LocalizedText(vi: vi, en: en), status: .unprocessableContent)
        }
        guard let url = WebhookURL.check(fields["url"] ?? "") else {
            return try await refuse(
                "Địa chỉ nhận phải là một URL đầy đủ bắt đầu bằng http:// hoặc https://.", "The URL must be a full http:// or https:// address.")
        }
        let events = WebhookEvent.subscribable.filter { fields["event." + $0.rawValue] != nil }
        guard !events.isEmpty else { return try await refuse("Chọn ít nhất một sự kiện.", "Choose at least one event.") }
        let given = (fields["secret"] ?? "").trimmingCharacters(in: .whitespaces)
        guard given.isEmpty || (16...200).contains(given.count) else {
            return try await refuse("Khóa ký tự nhập phải có từ 16 đến 200 ký tự.", "A given secret has 16 to 200 characters.")
        }
        let secret = given.isEmpty ? WebhookSecret.generate() : given
        _ = try await database.createWebhook(
            unitCode: unit.code, url: url.absoluteString, secretSealed: try vault.sealSecret(secret), events: events, actor: session.user.username,
            userId: session.user.id, now: clock.now)
        // The secret is shown on this response only (no redirect: it must not reach a URL).
        return try await page(
            session, unit, request, secret: secret, notice: LocalizedText(vi: "Đã thêm webhook.", en: "Webhook added."), status: .created)
    }

    private func setActive(_ request: Request, context: AppRequestContext, active: Bool) async throws -> Response {
        let (session, webhook, unit) = try await target(request, context: context)
        try await database.setWebhookActive(id: webhook.id, active: active, actor: session.user.username, userId: session.user.id, now: clock.now)
        return .redirect(SiteURL.webhooks.path(language: request.language, ["unit": unit.code, "done": active ? "enabled" : "disabled"]))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, webhook, unit) = try await target(request, context: context)
        try await database.deleteWebhook(id: webhook.id, actor: session.user.username, userId: session.user.id, now: clock.now)
        return .redirect(SiteURL.webhooks.path(language: request.language, ["unit": unit.code, "done": "deleted"]))
    }

    @Sendable func sendTest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, webhook, unit) = try await target(request, context: context)
        guard webhook.isActive else { throw AppError.invalidField("webhook", vi: "Webhook đã tắt.", en: "The webhook is disabled.") }
        try await database.enqueueWebhookTest(webhookId: webhook.id, now: clock.now)
        return .redirect(SiteURL.webhooks.path(language: request.language, ["unit": unit.code, "done": "test"]))
    }

    /// The webhook a post names, after the CSRF check and the access policy (403 outside the
    /// account's units, 404 for no such webhook).
    private func target(_ request: Request, context: AppRequestContext) async throws -> (StaffSession, Webhook, Storage.Unit) {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let webhook = try await database.webhook(id: id) else { throw AppError.notFound }
        try session.require(.manageWebhooks, inUnit: webhook.unitId)
        guard let unit = try await database.unit(id: webhook.unitId) else { throw AppError.notFound }
        return (session, webhook, unit)
    }

    private func page(
        _ session: StaffSession, _ unit: Storage.Unit, _ request: Request, input: [String: String] = [:], secret: String? = nil,
        notice: LocalizedText? = nil, error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let unitId = unit.id ?? 0
        let page = WebhooksPage(
            session: session, unit: unit, units: try await scope.units(session, for: .manageWebhooks), webhooks: try await database.webhooks(unitId: unitId),
            deliveries: try await database.webhookDeliveries(unitId: unitId), language: request.language, input: input, secret: secret, notice: notice,
            error: error)
        return pages.render(page, status: status)
    }
}

/// A generated signing secret: 40 random symbols (about 230 bits), prefixed so an operator
/// recognises it.
enum WebhookSecret {
    static func generate() -> String { "whsec_" + TokenGenerator.token(length: 40) }
}
