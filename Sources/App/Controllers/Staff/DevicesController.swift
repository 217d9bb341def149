import Domain
import Foundation
import Hummingbird
import Storage

/// `/admin/devices`: the counters' rating tablets of a unit (issue 12). Administrators and the
/// unit's director (`manageDevices`) create a device for a counter - its one-time pairing code
/// is shown on that response only - make a new code, and revoke a device; the list shows when
/// each tablet was last heard from.
struct DevicesController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let urls: PublicURLs
    let scope: UnitScope
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.devices.route, use: list)
        staff.post(SiteURL.devices.route, use: create)
        staff.post(SiteURL.deviceCode(.key).route, use: newCode)
        staff.post(SiteURL.deviceRevoke(.key).route, use: revoke)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .manageDevices)
        return try await devicesPage(session, unit, request)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        let unit = try await scope.unit(request, session: session, for: .manageDevices)
        let name = TextNormalizer.normalize(fields["name"] ?? "")
        guard (1...120).contains(name.count) else {
            let error = LocalizedText(vi: "Tên thiết bị phải có từ 1 đến 120 ký tự.", en: "A device's name has 1 to 120 characters.")
            return try await devicesPage(session, unit, request, input: fields, error: error, status: .unprocessableContent)
        }
        let counters = try await database.counters(unitId: unit.id ?? 0)
        guard let counterId = fields["counter"].flatMap(Int64.init), let counter = counters.first(where: { $0.id == counterId && $0.active }) else {
            let error = LocalizedText(vi: "Vui lòng chọn một quầy đang hoạt động của đơn vị.", en: "Please choose an active counter of this unit.")
            return try await devicesPage(session, unit, request, input: fields, error: error, status: .unprocessableContent)
        }
        // The form's select sends 0 or 1; anything else had silently meant "no".
        guard let askFactors = ["0": false, "1": true][fields["askFactors"] ?? "0"] else {
            let error = LocalizedText(vi: "Câu hỏi theo yếu tố: chọn Có hoặc Không.", en: "Factor questions: choose yes or no.")
            return try await devicesPage(session, unit, request, input: fields, error: error, status: .unprocessableContent)
        }
        let created = try await database.createKioskDevice(
            unitId: unit.id ?? 0, counterId: counterId, name: name, askFactors: askFactors, actor: session.user, now: clock.now)
        // The code is shown on this response only (no redirect: it must not reach a URL).
        let shown = DevicesPage.NewCode(deviceName: name, counterName: counter.name, code: created.code, expiresAt: clock.now.addingTimeInterval(PairingCode.lifetime))
        return try await devicesPage(session, unit, request, code: shown, status: .created)
    }

    @Sendable func newCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        let (device, unit) = try await managedDevice(context, session: session)
        let code = try await database.newPairingCode(deviceId: device.id ?? 0, actor: session.user, now: clock.now)
        let counter = try await database.counter(id: device.counterId)
        let shown = DevicesPage.NewCode(
            deviceName: device.name, counterName: counter?.name ?? "", code: code, expiresAt: clock.now.addingTimeInterval(PairingCode.lifetime))
        return try await devicesPage(session, unit, request, code: shown)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        let (device, unit) = try await managedDevice(context, session: session)
        try await database.revokeKioskDevice(id: device.id ?? 0, actor: session.user, now: clock.now)
        return .redirect(SiteURL.devices.path(language: request.language, ["unit": unit.code]))
    }

    /// The device the path names, if the account manages its unit's devices (else 403).
    private func managedDevice(_ context: AppRequestContext, session: StaffSession) async throws -> (KioskDevice, Storage.Unit) {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let device = try await database.kioskDevice(id: id),
            let unit = try await database.unit(id: device.unitId)
        else { throw AppError.notFound }
        try session.require(.manageDevices, inUnit: device.unitId)
        return (device, unit)
    }

    private func devicesPage(
        _ session: StaffSession, _ unit: Storage.Unit, _ request: Request, input: [String: String] = [:], code: DevicesPage.NewCode? = nil,
        error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let unitId = unit.id ?? 0
        let page = DevicesPage(
            session: session, unit: unit, units: try await scope.units(session, for: .manageDevices),
            devices: try await database.kioskDevices(unitId: unitId), counters: try await database.counters(unitId: unitId),
            kioskURL: urls.absolute(.kiosk), language: request.language, now: clock.now, input: input, code: code, error: error)
        return pages.render(page, status: status)
    }
}
