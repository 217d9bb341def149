import Domain
import Foundation
import Testing

@testable import App

@Suite("Feedback limits per deployment")
struct FeedbackLimitsFileTests {
    @Test func theExampleFileIsTheLawsDefaultsAndAProvinceMayChangeThem() throws {
        let example = findPackageRoot().appendingPathComponent("deploy/feedback-limits.example.json").path
        #expect(try AppConfiguration.feedbackLimits(file: example) == FeedbackLimits.standard)

        var text = try String(contentsOfFile: example, encoding: .utf8)
        text = text.replacingOccurrences(of: #""phanAnhAnswer": {"workingDays": {"_0": 10}}"#, with: #""phanAnhAnswer": {"workingDays": {"_0": 15}}"#)
        text = text.replacingOccurrences(of: "feedback-2026.1", with: "dong-nai-2027.1")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let province = try AppConfiguration.feedbackLimits(file: file.path)
        #expect(province.phanAnhAnswer == .workingDays(15))
        #expect(province.rulesVersion == "dong-nai-2027.1")
        #expect(throws: MaintenanceError.self) { try AppConfiguration.feedbackLimits(file: "/nonexistent/limits.json") }
    }

    @Test func anItemRecordsTheRulesVersionThatTimedIt() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23")) {
            $0.feedbackLimits.phanAnhAnswer = .workingDays(15)
            $0.feedbackLimits.rulesVersion = "dong-nai-2027.1"
        }
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "khac", "description": "x", "contact": ["name": "An", "address": "12 Lê Lợi", "phone": "0912345678"],
                 "consent": true], key: server.apiKey)
            // Fifteen working days from Monday 23/11/2026: Monday 14/12/2026.
            #expect(item["dueAt"] as? String == "2026-12-14")
            let code = try #require(item["code"] as? String)
            let detail = try await client.getJSON(SiteURL.apiFeedbackItem(.value(code)).path, key: server.apiKey).json()
            #expect(detail["rulesVersion"] as? String == "dong-nai-2027.1")
        }
    }
}
