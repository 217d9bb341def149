import Domain
import Foundation
import Hummingbird
@testable import Storage
import Testing

@testable import App

@Suite("Forms/ is validated at start-up and used versions are frozen")
struct FormStartupTests {
    /// A private copy of Forms/ that a test may edit.
    private func copyOfForms() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("forms-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestServer.repoRoot.appendingPathComponent("Forms"), to: directory)
        return directory
    }

    @Test func anInvalidFormStopsTheStartNamingFileAndField() async throws {
        let forms = try copyOfForms()
        try #"{"id":"broken","version":1,"title":{"vi":"x","en":"x"},"questions":[{"id":"a","type":"rating","overall":true,"text":{"vi":"a","en":"a"}}]}"#
            .write(to: forms.appendingPathComponent("broken.v1.json"), atomically: true, encoding: .utf8)
        let server = try await TestServer { $0.formsDirectory = forms.path }
        let error = await #expect(throws: FormValidationError.self) { _ = try await buildApplication(server.config) }
        #expect(error?.file.hasSuffix("broken.v1.json") == true)
        #expect(error?.field == "questions[0].scale")
    }

    @Test func aFormVersionWithResponsesCannotChange() async throws {
        let forms = try copyOfForms()
        let server = try await TestServer { $0.formsDirectory = forms.path }
        let poster = try server.posterToken()
        try await server.test { client in
            let response = try await client.postJSON("/api/v1/responses", #"{"token":"\#(poster)","answers":{"overall":3}}"#)
            #expect(response.status == .created)
        }
        let file = forms.appendingPathComponent("sipas-counter.v1.json")
        let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "Nhận kết quả đúng hẹn", with: "Nhận kết quả sớm")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let error = await #expect(throws: FrozenFormChanged.self) { _ = try await buildApplication(server.config) }
        #expect(error?.formId == "sipas-counter")
        #expect(error?.version == 1)

        // A new version beside it is fine, and becomes the version in use.
        try String(contentsOf: TestServer.repoRoot.appendingPathComponent("Forms/sipas-counter.v1.json"), encoding: .utf8)
            .write(to: file, atomically: true, encoding: .utf8)
        let v2 = edited.replacingOccurrences(of: #""version": 1"#, with: #""version": 2"#)
        try v2.write(to: forms.appendingPathComponent("sipas-counter.v2.json"), atomically: true, encoding: .utf8)
        try await server.test { client in
            let json = try await client.get("/api/v1/forms/sipas-counter").json()
            #expect(json["version"] as? Int == 2)
            let response = try await client.postJSON("/api/v1/responses", #"{"token":"\#(poster)","answers":{"overall":2}}"#)
            #expect(response.status == .created)
        }
        #expect(try await server.count("SELECT COUNT(*) FROM responses WHERE formVersion = 2") == 1)
        #expect(try await server.count("SELECT COUNT(*) FROM responses WHERE formVersion = 1") == 1)
    }

    @Test func anUnusedFormVersionMayStillBeCorrected() async throws {
        let forms = try copyOfForms()
        let server = try await TestServer { $0.formsDirectory = forms.path }
        try await server.test { _ in }
        let file = forms.appendingPathComponent("sipas-counter.v1.json")
        try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "Nhận kết quả đúng hẹn", with: "Nhận kết quả đúng ngày hẹn")
            .write(to: file, atomically: true, encoding: .utf8)
        try await server.test { client in
            let form = try await client.get("/api/v1/forms/sipas-counter")
            #expect(form.text.contains("Nhận kết quả đúng ngày hẹn"))
        }
    }
}
