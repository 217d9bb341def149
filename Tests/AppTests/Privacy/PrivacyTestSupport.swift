import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Storage
import Testing

@testable import App

/// Filing items with contact data and making the person's requests, over HTTP.
enum PrivacyFixture {
    static let name = "Trần Thị Bình"
    static let address = "45 Nguyễn Huệ, Tam Phước"
    static let phone = "0912 345 678"
    static let email = "binh.tran@example.vn"
    nonisolated(unsafe) static let contact: [String: Any] = ["name": name, "address": address, "phone": phone, "email": email]

    /// A form body with every name and value percent-encoded, as a browser sends it.
    static func form(_ pairs: KeyValuePairs<String, String>) -> String {
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        return pairs.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
    }
}

extension TestClientProtocol {
    /// Files a phản ánh on the public form's JSON twin, with contact data and consent, and
    /// returns its tracking code.
    func fileWithContact(_ contact: [String: Any] = PrivacyFixture.contact, unit: String = "tam-phuoc") async throws -> String {
        let response = try await postJSON(
            SiteURL.feedback.path,
            ["unit": unit, "kind": "phan-anh", "category": "cham-tre", "description": "Hồ sơ trễ hẹn", "contact": contact, "consent": true])
        try #require(response.status == .created, "not filed: \(response.status) \(response.text)")
        return try #require(try response.json()["code"] as? String)
    }

    /// Posts the request form of `/track/{code}/privacy`.
    func askPrivacy(_ code: String, kind: String, proof: String, _ extra: KeyValuePairs<String, String> = [:]) async throws -> TestResponse {
        var body = PrivacyFixture.form(["kind": kind, "proof": proof])
        let more = PrivacyFixture.form(extra)
        if !more.isEmpty { body += "&" + more }
        return try await postForm(SiteURL.trackPrivacy(.value(code)).path, body)
    }

    /// Makes a request that must be accepted; returns its reference (from the receipt's URL).
    func askPrivacyAccepted(_ code: String, kind: String, proof: String = PrivacyFixture.phone, _ extra: KeyValuePairs<String, String> = [:])
        async throws -> String
    {
        let response = try await askPrivacy(code, kind: kind, proof: proof, extra)
        try #require(response.status == .seeOther, "request refused: \(response.status) \(response.text)")
        let location = try #require(response.headers[.location])
        let prefix = SiteURL.trackPrivacy(.value(code)).path + "/"
        try #require(location.hasPrefix(prefix), "\(location)")
        return String(location.dropFirst(prefix.count).prefix { $0 != "?" })
    }

    /// Posts an action of a request's staff page.
    func privacyAction(_ reference: String, _ action: String, cookie: String, csrf: String) async throws -> TestResponse {
        try await post(SiteURL.privacyRequest(.value(reference)).path, cookie: cookie, form: "_csrf=\(csrf)&action=\(action)")
    }
}
