import Domain
import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import App
@testable import Storage

extension TestServer {
    /// A device for a counter of tam-phuoc (or `unit`), made through Storage as the devices
    /// screen makes it; its one-time pairing code.
    func kioskDevice(unit: String = "tam-phuoc", counter: String = "q1", askFactors: Bool = false) async throws -> (id: Int64, code: PairingCode, counterId: Int64) {
        let unitId = try #require(demo.units.first { $0.code == unit }?.id)
        let counterId = try #require(demo.counters.first { $0.unitId == unitId && $0.code == counter }?.id)
        let created = try await database.createKioskDevice(
            unitId: unitId, counterId: counterId, name: "Máy \(counter)", askFactors: askFactors, actor: .test, now: clock.now)
        return (try #require(created.device.id), created.code, counterId)
    }

    /// Responses the tablets recorded.
    func kioskResponses() async throws -> Int {
        try await count("SELECT COUNT(*) FROM responses WHERE channel = 'kiosk'")
    }
}

extension StaffUser {
    /// An account for Storage calls that need an actor, when a test made none.
    static var test: StaffUser {
        StaffUser(id: nil, username: "test", passwordHash: "", role: .admin, unitId: nil, officerId: nil, active: true, createdAt: Date())
    }
}

extension TestClientProtocol {
    /// Pairs a tablet as a person does: opens /kiosk, types the code into its form. Returns
    /// the device cookie ("hl_kiosk=...").
    func pairKiosk(_ code: String, address: String = "10.1.0.1") async throws -> String {
        let response = try await postPairing(code, address: address)
        try #require(response.status == .seeOther, "pairing refused: \(response.status) \(response.text)")
        let value = try #require(response.cookie(named: KioskController.deviceCookie))
        return "\(KioskController.deviceCookie)=\(value)"
    }

    /// The pairing form's post, with the form's own token.
    func postPairing(_ code: String, address: String = "10.1.0.1") async throws -> TestResponse {
        let form = try await get(SiteURL.kiosk.path)
        let token = try #require(form.cookie(named: KioskController.pairingCookie), "no pairing form: \(form.status)")
        return try await execute(
            uri: SiteURL.kioskPair.path, method: .post,
            headers: [
                .contentType: "application/x-www-form-urlencoded", .cookie: "\(KioskController.pairingCookie)=\(token)", AppRequestContext.realIP: address,
            ], body: ByteBuffer(string: "_csrf=\(token)&code=\(code)"))
    }

    /// A tap as the tablet's script sends it.
    func tap(_ cookie: String, key: String, ticket: String? = nil, level: Int = 3, age: Int? = nil) async throws -> TestResponse {
        var body = #"{"key":"\#(key)","answers":{"overall":\#(level)}"#
        if let ticket { body += #","ticket":"\#(ticket)""# }
        if let age { body += #","age":\#(age)"# }
        return try await kioskJSON(SiteURL.kioskTaps.path, cookie, body + "}")
    }

    func kioskJSON(_ path: String, _ cookie: String, _ body: String) async throws -> TestResponse {
        try await execute(uri: path, method: .post, headers: [.contentType: "application/json", .cookie: cookie], body: ByteBuffer(string: body))
    }
}
