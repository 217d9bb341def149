import Domain
import Foundation
import Testing

@testable import App

extension AccessibilityTests {
    /// The inspection workspace, as an inspector of every unit sees it: the overview, the
    /// queues, the conduct items, an item with its chain status and forms, the samples form,
    /// a drawn sample with its checklists.
    @Test func everyInspectionScreenHasNoSeriousOrCriticalViolation() async throws {
        let axe = try AxeCore.source()
        try await Self.withLiveServer { browser, base, server in
            try await server.addUser("kiemtra", .inspector, unit: nil, password: Self.password)
            let conduct = try Self.fileFeedback(
                base: base, key: server.apiKey,
                #"{"unit":"tam-phuoc","channel":"hotline","kind":"phan-anh","category":"thai-do","description":"Cán bộ nói năng thiếu tôn trọng","contact":{"name":"Nguyễn Văn An","address":"12 Lê Lợi","phone":"0912345678"},"consent":true}"#)
            let answered = try Self.fileFeedback(
                base: base, key: server.apiKey,
                #"{"unit":"tam-phuoc","channel":"hotline","kind":"gop-y","category":"co-so","description":"Thiếu ghế","contact":{"name":"Trần Thị Bình","address":"3 Hùng Vương","phone":"0987654321"},"consent":true}"#)
            _ = try Self.postJSON(
                base: base, key: server.apiKey, path: SiteURL.apiFeedbackActions(.value(answered)).path,
                #"{"action":"resolve","result":"Đã bổ sung ghế chờ"}"#)
            _ = try Self.fileFeedback(base: base, key: server.apiKey, #"{"unit":"tam-phuoc","channel":"hotline","kind":"gop-y","category":"khac","description":"Ẩn danh"}"#)
            var audit = Audit(axe: axe, browser: browser, base: base)
            try await Self.signIn("kiemtra", browser: browser, base: base)
            try await audit.page("/admin (inspector)", SiteURL.admin.path, expect: SiteURL.inspection.path)
            try await audit.page("/inspection", SiteURL.inspection.path, expect: "<table")
            try await audit.page("/inspection/queue", SiteURL.inspectionQueue.path, expect: "id=\"anonymous\"")
            try await audit.page("/inspection/queue (en, filtered)", SiteURL.inspectionQueue.path(language: .en, ["state": "on-time"]), expect: "<table")
            try await audit.page("/inspection/conduct", SiteURL.inspectionConduct.path, expect: conduct)
            try await audit.page("/inspection/items (conduct)", SiteURL.inspectionItem(.value(conduct)).path, expect: "name=\"outcome\"")
            try await audit.page("/inspection/samples", SiteURL.inspectionSamples.path, expect: "name=\"seed\"")
            try await browser.type("#sample-seed", "12345")
            try await browser.click("form.action button.btn")
            try await audit.current("/inspection/samples/{id}", expect: "name=\"resultConcrete\"")
            audit.report()
        }
    }

    /// Files an item through the partner API, over the socket with curl; returns its code.
    static func fileFeedback(base: String, key: String, _ body: String) throws -> String {
        let data = try postJSON(base: base, key: key, path: SiteURL.apiFeedback.path, body)
        let json = try #require(try? JSONSerialization.jsonObject(with: data) as? [String: Any], "not filed: \(String(decoding: data, as: UTF8.self))")
        return try #require(json["code"] as? String)
    }
}
