import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import App

/// The hand-written OpenAPI document against the code: it is valid OpenAPI 3.1
/// (openapi-spec-validator), names every /api/v1 route the router has and no other, and every
/// real answer of every endpoint, success and error, matches its schema (jsonschema, through
/// check_responses.py). A renamed, added or removed field, a new status or a new route fails here.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let documentFile = TestServer.repoRoot.appendingPathComponent("Public/openapi.json")
    static let checker = TestServer.repoRoot.appendingPathComponent("Tests/AppTests/OpenAPI/check_responses.py")

    @Test func theServedDocumentIsValidOpenAPI31() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.get(SiteURL.apiDocument.path)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(Data(buffer: response.body) == (try Data(contentsOf: Self.documentFile)), "served as it is: the file is the one source")
            #expect(try response.json()["openapi"] as? String == "3.1.0")

            let file = try Self.temporaryFile("openapi.json", response.text)
            let valid = try Self.python(["-m", "openapi_spec_validator", file.path])
            #expect(valid.status == 0, "openapi-spec-validator: \(valid.text)")
            // The validator really reads it: a security scheme of an unknown type fails.
            let broken = try Self.temporaryFile("broken.json", response.text.replacingOccurrences(of: #""type": "http""#, with: #""type": "htttp""#))
            #expect(try Self.python(["-m", "openapi_spec_validator", broken.path]).status != 0)
        }
    }

    @Test func everyAPIRouteOfTheRouterIsInTheDocumentAndNoOther() async throws {
        let server = try await TestServer()
        let parts = try await AppParts.make(server.config, clock: server.clock, logger: Logger(label: "test"))
        let registered = Set(
            parts.router.routes.filter { $0.path.description.hasPrefix(SiteURL.apiPrefix) }.map { "\($0.method.rawValue) \($0.path.description)" })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.documentFile)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, item in item.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(registered == documented, "only in the router: \(registered.subtracting(documented)); only in the document: \(documented.subtracting(registered))")
        #expect(registered.contains("GET /api/v1/indicators") && registered.contains("POST /api/v1/feedback/{code}/actions"))
    }

    @Test func realAnswersOfEveryEndpointMatchTheDocument() async throws {
        // Monday 23/11/2026, so deadlines are known; a minimum n of 2 gives shown and withheld
        // cells alike; one poster rating per address, so the API's 429 can be seen.
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23")) {
            $0.minimumN = 2
            $0.posterLimits = PosterLimits(perAddress: 1)
        }
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let exchanges = APIExchanges()
        try await server.test { client in
            let director = try await client.signIn("giamdoc")
            try await Self.ratings(client, server, exchanges)
            try await Self.forms(client, exchanges)
            try await Self.indicators(client, server, exchanges, director: director)
            try await Self.feedback(client, server, exchanges, director: director)
            try await Self.publicFigures(client, exchanges)
        }
        let document = try Self.temporaryFile("openapi.json", String(decoding: try Data(contentsOf: Self.documentFile), as: UTF8.self))
        let recorded = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-exchanges-\(UUID().uuidString).json")
        try exchanges.write(to: recorded)
        let result = try Self.python([Self.checker.path, document.path, recorded.path])
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains("checked \(exchanges.all.count) answers"), "\(result.text)")
    }

    // MARK: the exchanges, endpoint by endpoint

    static func ratings(_ client: any TestClientProtocol, _ server: TestServer, _ exchanges: APIExchanges) async throws {
        let key = server.apiKey
        let route = SiteURL.apiTickets
        var tokens: [String] = []
        let tickets: [[String: Any]] = [
            ["counter": "q1", "officer": "cb-lan", "procedure": "1.004227", "dossier": "H12.34-261123-0001"],
            ["counter": "q1", "officer": "cb-lan", "procedure": "1.004227", "sector": "dat-dai"],
            ["counter": "q1", "procedure": "1.003010"], ["counter": "q2", "officer": "cb-minh", "procedure": "1.001193"], ["counter": "q2"],
        ]
        for body in tickets {
            let issued = try await exchanges.send(client, .post, route.path, route: route, json: body, key: key)
            #expect(issued.status == .created, "\(issued.text)")
            tokens.append(try #require(try issued.json()["token"] as? String))
        }
        for (body, status) in [
            (["counter": "q1"], HTTPResponse.Status.unauthorized), (["counter": "q9"], .unprocessableContent),
            (["counter": "q1", "colour": "red"], .unprocessableContent), (["officer": "cb-lan"], .unprocessableContent),
        ] as [([String: Any], HTTPResponse.Status)] {
            let refused = try await exchanges.send(client, .post, route.path, route: route, json: body, key: status == .unauthorized ? nil : key)
            #expect(refused.status == status, "\(body): \(refused.text)")
        }
        #expect(try await exchanges.send(client, .post, route.path, route: route, raw: ("counter=q1", "application/x-www-form-urlencoded"), key: key).status == .unsupportedMediaType)
        #expect(try await exchanges.send(client, .post, route.path, route: route, raw: ("[1]", "application/json"), key: key).status == .badRequest)
        let huge = #"{"counter":""# + String(repeating: "a", count: 70_000) + #""}"#
        #expect(try await exchanges.send(client, .post, route.path, route: route, raw: (huge, "application/json"), key: key).status == .contentTooLarge)

        let responses = SiteURL.apiResponses
        let answers: [[String: Any]] = [
            ["overall": 3, "access-1": 4, "officer-1": 5, "visits": 2], ["overall": 3, "visits": 1], ["overall": 1, "visits": 0], ["overall": 2],
        ]
        for (token, answer) in zip(tokens, answers) {
            var body: [String: Any] = ["token": token, "answers": answer]
            if answer["officer-1"] != nil { body["comment"] = "Nhanh, tận tình" }
            let recorded = try await exchanges.send(client, .post, responses.path, route: responses, json: body)
            #expect(recorded.status == .created, "\(recorded.text)")
        }
        let refusals: [([String: Any], HTTPResponse.Status)] = [
            (["token": tokens[0], "answers": ["overall": 3]], .gone),
            (["token": TokenGenerator.token(), "answers": ["overall": 3]], .notFound),
            (["token": tokens[4], "answers": ["access-1": 4]], .unprocessableContent),
            (["token": tokens[4], "answers": ["overall": 9]], .unprocessableContent),
            (["token": tokens[4], "answers": ["overall": 3], "stars": 5], .unprocessableContent),
        ]
        for (body, status) in refusals {
            let refused = try await exchanges.send(client, .post, responses.path, route: responses, json: body)
            #expect(refused.status == status, "\(body): \(refused.text)")
        }
        let poster = try server.posterToken(counter: "q3")
        #expect(try await exchanges.send(client, .post, responses.path, route: responses, json: ["token": poster, "answers": ["overall": 2]]).status == .created)
        #expect(try await exchanges.send(client, .post, responses.path, route: responses, json: ["token": poster, "answers": ["overall": 2]]).status == .tooManyRequests)
    }

    static func forms(_ client: any TestClientProtocol, _ exchanges: APIExchanges) async throws {
        let route = SiteURL.apiForm(.key)
        #expect(try await exchanges.send(client, .get, SiteURL.apiForm(.value("sipas-counter")).path, route: route).status == .ok)
        #expect(try await exchanges.send(client, .get, SiteURL.apiForm(.value("khong-co")).path, route: route).status == .notFound)
    }

    static func indicators(_ client: any TestClientProtocol, _ server: TestServer, _ exchanges: APIExchanges, director: String) async throws {
        let route = SiteURL.apiIndicators
        let month: KeyValuePairs<String, String?> = ["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30"]
        let whole = try await exchanges.send(client, .get, route.path(month), route: route, key: server.apiKey)
        #expect(whole.status == .ok, "\(whole.text)")
        for by in FigureGrouping.allCases {
            let uri = route.path(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "by": by.rawValue])
            let grouped = try await exchanges.send(client, .get, uri, route: route, key: server.apiKey)
            #expect(grouped.status == .ok, "\(by): \(grouped.text)")
        }
        let signedIn = try await exchanges.send(client, .get, route.path(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "by": "counter"]), route: route, cookie: director)
        #expect(signedIn.status == .ok, "\(signedIn.text)")
        let refusals: [(String, String?, HTTPResponse.Status)] = [
            (route.path(month), nil, .unauthorized),
            (route.path(["from": "2026-11-01", "to": "2026-11-30"]), server.apiKey, .badRequest),
            (route.path(["unit": "tam-phuoc", "from": "1/11/2026", "to": "2026-11-30"]), server.apiKey, .badRequest),
            (route.path(["unit": "tam-phuoc", "from": "2026-11-30", "to": "2026-11-01"]), server.apiKey, .badRequest),
            (route.path(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "by": "colour"]), server.apiKey, .badRequest),
            (route.path(["unit": "khong-co", "from": "2026-11-01", "to": "2026-11-30"]), server.apiKey, .notFound),
            (route.path(month), server.otherAPIKey, .forbidden),
        ]
        for (uri, key, status) in refusals {
            let refused = try await exchanges.send(client, .get, uri, route: route, key: key)
            #expect(refused.status == status, "\(uri): \(refused.text)")
        }
    }

    static func feedback(_ client: any TestClientProtocol, _ server: TestServer, _ exchanges: APIExchanges, director: String) async throws {
        let key = server.apiKey
        let contact: [String: Any] = ["name": "Nguyễn Văn An", "address": "12 Lê Lợi, Tam Phước", "phone": "0912 345 678"]
        let intake = SiteURL.apiFeedback
        var codes: [String: String] = [:]
        let items: [(String, [String: Any])] = [
            ("report", ["kind": "phan-anh", "category": "cham-tre", "description": "Hồ sơ trễ hẹn 5 ngày", "counter": "q1", "officer": "cb-lan",
                "procedure": "1.004227", "dossier": "H12.34-261123-0001", "contact": contact, "consent": true]),
            ("anonymous", ["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế chờ"]),
            ("complaint", ["kind": "khieu-nai", "category": "thu-tuc", "description": "Khiếu nại quyết định từ chối hồ sơ", "contact": contact, "consent": true]),
            ("conduct", ["kind": "phan-anh", "category": "thai-do", "description": "Cán bộ quát tháo", "officerText": "Quầy 2, khoảng 9 giờ",
                "contact": contact, "consent": true]),
            ("hotline", ["unit": "tam-phuoc", "kind": "kien-nghi", "category": "phi", "description": "Thu phí sai", "channel": "hotline",
                "receivedAt": "2026-11-20T16:00:00+07:00", "contact": contact, "consent": true]),
        ]
        for (name, body) in items {
            let filed = try await exchanges.send(
                client, .post, intake.path, route: intake, json: ["unit": "tam-phuoc", "channel": "api"].merging(body) { $1 }, key: key)
            #expect(filed.status == .created, "\(name): \(filed.text)")
            codes[name] = try #require(try filed.json()["code"] as? String)
        }
        let refusals: [([String: Any], String?, HTTPResponse.Status)] = [
            (["kind": "phan-anh", "category": "khac", "description": "x"], nil, .unauthorized),
            (["kind": "than-phien", "category": "khac", "description": "x"], key, .unprocessableContent),
            (["kind": "phan-anh", "category": "khac", "description": "x", "contact": contact], key, .unprocessableContent),
            (["unit": "chon-thanh", "kind": "phan-anh", "category": "khac", "description": "x"], key, .forbidden),
        ]
        for (body, key, status) in refusals {
            let refused = try await exchanges.send(client, .post, intake.path, route: intake, json: body, key: key)
            #expect(refused.status == status, "\(body): \(refused.text)")
        }
        #expect(try await exchanges.send(client, .post, intake.path, route: intake, raw: ("{", "application/json"), key: key).status == .badRequest)

        // Actions: the complaint through its whole clock, the others one step each.
        let actions = SiteURL.apiFeedbackActions(.key)
        func act(_ name: String, _ body: [String: Any], key: String? = server.apiKey, cookie: String? = nil) async throws -> HTTPResponse.Status {
            let code = codes[name] ?? name
            return try await exchanges.send(client, .post, SiteURL.apiFeedbackActions(.value(code)).path, route: actions, json: body, key: key, cookie: cookie).status
        }
        #expect(try await act("complaint", ["action": "resolve", "result": "Giữ nguyên"]) == .conflict)
        #expect(try await act("complaint", ["action": "accept", "note": "Đủ điều kiện thụ lý"]) == .ok)
        #expect(try await act("complaint", ["action": "extend", "reason": "Cần xác minh thêm", "complexity": "complex"]) == .ok)
        #expect(try await act("complaint", ["action": "assign", "assignee": "cb-lan", "task": "Xác minh hồ sơ", "dueAt": "2026-12-01"]) == .ok)
        #expect(try await act("complaint", ["action": "start"]) == .ok)
        #expect(try await act("complaint", ["action": "resolve", "result": "Chấp nhận một phần khiếu nại"]) == .ok)
        #expect(try await act("conduct", ["action": "verify", "outcome": "co-co-so"]) == .ok)
        #expect(try await act("report", ["action": "assign", "assignee": "cb-lan", "task": "Liên hệ người phản ánh"], key: nil, cookie: director) == .ok)
        #expect(try await act("hotline", ["action": "reclassify", "kind": "phan-anh", "category": "phi"]) == .ok)
        #expect(try await act("anonymous", ["action": "reject", "reason": "Không thuộc thẩm quyền"]) == .ok)
        #expect(try await act("report", ["action": "fly"]) == .unprocessableContent)
        #expect(try await act("report", ["action": "verify", "outcome": "co-co-so"]) == .conflict)
        #expect(try await act("ZZZZ-ZZZZ-ZZZZ", ["action": "accept"]) == .notFound)
        #expect(try await act("report", ["action": "accept"], key: nil) == .unauthorized)

        let list = SiteURL.apiFeedback
        for (query, key, cookie, status) in [
            (["unit": "tam-phuoc"], key, nil, HTTPResponse.Status.ok), (["unit": "tam-phuoc", "state": "received"], key, nil, .ok),
            (["unit": "tam-phuoc", "due": "soon"], key, nil, .ok), (["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30"], key, nil, .ok),
            (["unit": "tam-phuoc"], nil, director, .ok), (["unit": "tam-phuoc"], nil, nil, .unauthorized), ([:], key, nil, .badRequest),
            (["unit": "tam-phuoc", "state": "lost"], key, nil, .badRequest), (["unit": "tam-phuoc", "due": "later"], key, nil, .badRequest),
            (["unit": "tam-phuoc", "from": "23/11/2026"], key, nil, .badRequest), (["unit": "khong-co"], key, nil, .notFound),
            (["unit": "tam-phuoc"], server.otherAPIKey, nil, .forbidden),
        ] as [([String: String], String?, String?, HTTPResponse.Status)] {
            let uri = SiteURL.appending(query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: list.path)
            let answer = try await exchanges.send(client, .get, uri, route: list, key: key, cookie: cookie)
            #expect(answer.status == status, "\(query): \(answer.text)")
        }

        let item = SiteURL.apiFeedbackItem(.key)
        for code in codes.values {
            #expect(try await exchanges.send(client, .get, SiteURL.apiFeedbackItem(.value(code)).path, route: item, key: key).status == .ok)
        }
        let handled = try await exchanges.send(client, .get, SiteURL.apiFeedbackItem(.value(try #require(codes["report"]))).path, route: item, cookie: director)
        #expect(handled.status == .ok)
        #expect(try handled.json()["contact"] is [String: Any], "the director handles the unit's items: the contact block is checked too")
        #expect(try await exchanges.send(client, .get, SiteURL.apiFeedbackItem(.value("ZZZZ-ZZZZ-ZZZZ")).path, route: item, key: key).status == .notFound)
        #expect(try await exchanges.send(client, .get, SiteURL.apiFeedbackItem(.value(try #require(codes["report"]))).path, route: item).status == .unauthorized)
    }

    static func publicFigures(_ client: any TestClientProtocol, _ exchanges: APIExchanges) async throws {
        let route = SiteURL.apiPublic
        #expect(try await exchanges.send(client, .get, route.path, route: route).status == .ok)
        #expect(try await exchanges.send(client, .get, route.path(["month": "2026-11"]), route: route).status == .ok)
        #expect(try await exchanges.send(client, .get, route.path(["month": "11/2026"]), route: route).status == .badRequest)
    }

    // MARK: helpers

    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: file)
        return file
    }

    /// python3 from PATH, the one `make test-deps` installed openapi-spec-validator and
    /// jsonschema into; standard error joins the output, so a missing module is named.
    static func python(_ arguments: [String]) throws -> Subprocess.Result {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Subprocess.Result(status: process.terminationStatus, output: data)
    }
}
