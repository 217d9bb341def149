import Domain
import Foundation
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

/// A form body with every name and value percent-encoded, as a browser sends it.
func inspectionForm(_ pairs: KeyValuePairs<String, String>) -> String {
    func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
    return pairs.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
}

/// The accounts and items the inspection tests start from, on Monday 23/11/2026.
enum InspectionFixture {
    nonisolated(unsafe) static let contact: [String: Any] = ["name": "Nguyễn Văn An", "address": "12 Lê Lợi, Tam Phước", "phone": "0912 345 678"]

    static func monday() throws -> Date { try LocalInstant.at("2026-11-23") }

    /// A city-wide inspector, an inspector of tam-phuoc, a city viewer, a director of tam-phuoc.
    static func accounts(_ server: TestServer) async throws {
        try await server.addUser("kiemtra.tp", .inspector, unit: nil)
        try await server.addUser("kiemtra.tamphuoc", .inspector, unit: "tam-phuoc")
        try await server.addUser("xem.tp", .viewer, unit: nil)
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
    }

    struct Items {
        /// tam-phuoc: a clocked phản ánh, a conduct item (thái độ), an anonymous góp ý.
        var clocked: String
        var conduct: String
        var anonymous: String
        /// chon-thanh: a clocked phản ánh.
        var otherWard: String
    }

    static func items(_ server: TestServer, client: any TestClientProtocol) async throws -> Items {
        func file(_ body: [String: Any], key: String) async throws -> String {
            try #require(try await client.fileFeedback(body, key: key, unit: key == server.apiKey ? "tam-phuoc" : "chon-thanh")["code"] as? String)
        }
        return Items(
            clocked: try await file(
                ["kind": "phan-anh", "category": "cham-tre", "description": "Hồ sơ trễ hẹn", "contact": contact, "consent": true], key: server.apiKey),
            conduct: try await file(
                ["kind": "phan-anh", "category": "thai-do", "description": "Cán bộ quầy 1 nói năng thiếu tôn trọng", "officer": "cb-lan", "contact": contact,
                 "consent": true], key: server.apiKey),
            anonymous: try await file(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế chờ"], key: server.apiKey),
            otherWard: try await file(
                ["kind": "phan-anh", "category": "thu-tuc", "description": "Thủ tục rườm rà", "contact": contact, "consent": true],
                key: server.otherAPIKey))
    }
}
