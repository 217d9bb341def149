import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App
@testable import Storage

/// A workbook as openpyxl reads it: each sheet's name, frozen cell, and every cell's value
/// with its number format.
struct Workbook {
    struct Cell {
        let value: Any?
        let format: String

        var double: Double? { (value as? Double) ?? (value as? Int).map(Double.init) }
        var text: String? { value as? String }
    }

    struct Sheet {
        let name: String
        let freeze: String?
        let rows: [[Cell]]
    }

    let sheets: [Sheet]

    subscript(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// Reads an XLSX with openpyxl (`make test-deps` installs it).
    static func read(_ data: Data) throws -> Workbook {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = []
            for sheet in book.worksheets:
                rows = [[{"v": cell.value, "f": cell.number_format} for cell in row] for row in sheet.iter_rows()]
                out.append({"name": sheet.title, "freeze": sheet.freeze_panes, "rows": rows})
            print(json.dumps(out, ensure_ascii=False, default=str))
            """
        let result = try Subprocess.run("/usr/bin/env", ["python3", "-c", script, file.path])
        try #require(result.status == 0, "openpyxl could not read the file (`make test-deps` installs \(OpenPyXL.package)): \(result.text)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String: Any]])
        return Workbook(
            sheets: json.map { sheet in
                Sheet(
                    name: sheet["name"] as? String ?? "", freeze: sheet["freeze"] as? String,
                    rows: (sheet["rows"] as? [[[String: Any]]] ?? []).map { row in
                        row.map { cell in Cell(value: cell["v"] is NSNull ? nil : cell["v"], format: cell["f"] as? String ?? "") }
                    })
            })
    }
}

/// What every figure of a report must be, from the indicators API's JSON of the period and
/// of the period before: the tables `ReportTables` writes, rebuilt here from the API alone.
struct ExpectedReport {
    let unit: String
    let current: [String: Any]
    let previous: [String: Any]

    /// A cell: a number (a share for percentages), or nil for an empty cell.
    typealias Value = Double?

    private static func number(_ value: Any?) -> Double? { (value as? Double) ?? (value as? Int).map(Double.init) }
    private static func share(_ value: Any?) -> Double? { number(value).map { $0 / 100 } }
    private static func change(_ now: Any?, _ before: Any?) -> Double? {
        guard let now = number(now), let before = number(before) else { return nil }
        return (now - before) / 100
    }
    private static func wilson(_ successes: Int, _ n: Int) -> (Double?, Double?) {
        guard let range = WilsonInterval.percent(successes: successes, n: n) else { return (nil, nil) }
        return (range.lowerBound / 100, range.upperBound / 100)
    }

    private func dictionary(_ json: [String: Any], _ key: String) -> [String: Any] { json[key] as? [String: Any] ?? [:] }

    /// Targets: value, n, interval low and high, previous, change (columns 4-9).
    var targets: [(id: String, values: [Value])] {
        ["I1", "I2", "I3", "I4", "I5", "I6"].map { id in
            let targets = current["targets"] as? [[String: Any]] ?? []
            guard let target = targets.first(where: { $0["id"] as? String == id }) else { return (id, [nil, nil, nil, nil, nil, nil]) }
            let before = (previous["targets"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id }
            var low: Double?
            var high: Double?
            let feedback = dictionary(current, "feedback")
            let conduct = dictionary(current, "conduct")
            switch id {
            case "I2", "I6":
                let codes = id == "I2" ? ["dat-dai", "xay-dung", "dau-tu"] : ["y-te", "giao-duc"]
                let sectors = dictionary(current, "sectors")
                let cells = codes.compactMap { sectors[$0] as? [String: Any] }.filter { $0["suppressed"] as? Bool == false }
                if let lowest = cells.min(by: { Self.number($0["rate"]) ?? 0 < Self.number($1["rate"]) ?? 0 }),
                    let rate = Self.number(lowest["rate"]), let n = lowest["n"] as? Int, cells.count == codes.count || rate < 95
                {
                    (low, high) = Self.wilson(Int((rate * Double(n) / 100).rounded()), n)
                }
            case "I3":
                (low, high) = Self.wilson(feedback["onTime"] as? Int ?? 0, (feedback["resolved"] as? Int ?? 0) + (feedback["overdue"] as? Int ?? 0))
            case "I4":
                (low, high) = Self.wilson(conduct["substantiated"] as? Int ?? 0, conduct["officers"] as? Int ?? 0)
            default: break
            }
            return (
                id,
                [
                    Self.share(target["value"]), Self.number(target["n"]), low, high, Self.share(before?["value"]),
                    Self.change(target["value"], before?["value"]),
                ]
            )
        }
    }

    /// Satisfaction rows: this period, n, low, high, previous, change (columns 2-7).
    var satisfaction: [[Value]] {
        let rate = dictionary(current, "satisfaction")
        let before = dictionary(previous, "satisfaction")
        let ci = rate["ci95"] as? [Double]
        var rows: [[Value]] = [
            [
                Self.share(rate["rate"]), Self.number(rate["n"]), ci.map { $0[0] / 100 }, ci.map { $0[1] / 100 }, Self.share(before["rate"]),
                Self.change(rate["rate"], before["rate"]),
            ]
        ]
        let factors = dictionary(dictionary(current, "index"), "factors")
        let oldFactors = dictionary(dictionary(previous, "index"), "factors")
        for factor in ["access", "procedure", "officer", "result", "feedback"] {
            let now = factors[factor] as? [String: Any]
            let old = oldFactors[factor] as? [String: Any]
            rows.append([Self.share(now?["value"]), Self.number(now?["n"]) ?? 0, nil, nil, Self.share(old?["value"]), Self.change(now?["value"], old?["value"])])
        }
        let tickets = current["tickets"] as? Int ?? 0
        let responses = current["responses"] as? Int ?? 0
        let answered = responses <= tickets ? Self.wilson(responses, tickets) : (nil, nil)
        rows.append([
            Self.share(current["responseRate"]), Double(tickets), answered.0, answered.1, Self.share(previous["responseRate"]),
            Self.change(current["responseRate"], previous["responseRate"]),
        ])
        rows.append([Self.number(current["responses"]), nil, nil, nil, Self.number(previous["responses"]), nil])
        let tt01 = dictionary(current, "tt01")
        let oldTT01 = dictionary(previous, "tt01")
        let index3 = dictionary(tt01, "index3")
        rows.append([Self.number(index3["value"]), Self.number(index3["n"]), nil, nil, Self.number(dictionary(oldTT01, "index3")["value"]), nil])
        rows.append([Self.number(tt01["index7"]), nil, nil, nil, Self.number(oldTT01["index7"]), nil])
        rows.append([Self.number(tt01["index8"]), nil, nil, nil, Self.number(oldTT01["index8"]), nil])
        return rows
    }

    /// Feedback rows (this period, the one before): received, handled, on time, on-time
    /// rate, overdue, open, anonymous (columns 4-10).
    var feedback: [[Value]] {
        [current, previous].map { json in
            let counts = dictionary(json, "feedback")
            return [
                Self.number(counts["received"]), Self.number(counts["resolved"]), Self.number(counts["onTime"]), Self.share(counts["onTimeRate"]),
                Self.number(counts["overdue"]), Self.number(counts["open"]), Self.number(counts["anonymous"]),
            ]
        }
    }

    /// Sector rows by code: rate (nil when withheld), n, low, high.
    var sectors: [String: [Value]] {
        var rows: [String: [Value]] = [:]
        for (code, value) in dictionary(current, "sectors") {
            guard let cell = value as? [String: Any] else { continue }
            let n = cell["n"] as? Int ?? 0
            let rate = Self.number(cell["rate"])
            let interval = rate.map { Self.wilson(Int(($0 * Double(n) / 100).rounded()), n) } ?? (nil, nil)
            rows[code] = [rate.map { $0 / 100 }, Double(n), interval.0, interval.1]
        }
        return rows
    }

    /// Checks the workbook's rows of this unit against the API, every figure.
    func check(_ book: Workbook, sourceLocation: SourceLocation = #_sourceLocation) {
        func equal(_ cell: Workbook.Cell?, _ expected: Value, _ what: String) {
            switch (cell?.double, expected) {
            case (nil, nil): break
            case (let actual?, let expected?):
                #expect(abs(actual - expected) < 1e-9, "\(unit) \(what): \(actual) != \(expected)", sourceLocation: sourceLocation)
            default:
                #expect(Bool(false), "\(unit) \(what): \(String(describing: cell?.value)) != \(String(describing: expected))", sourceLocation: sourceLocation)
            }
        }
        func rows(_ sheet: String) -> [[Workbook.Cell]] {
            guard let found = book[sheet] else {
                Issue.record("no sheet \(sheet)", sourceLocation: sourceLocation)
                return []
            }
            #expect(found.freeze == "A2", "\(sheet): the header row is frozen", sourceLocation: sourceLocation)
            return found.rows.dropFirst().filter { $0.first?.text == unit }
        }
        let targetRows = rows("Chỉ tiêu - Targets")
        #expect(targetRows.count == 6, "\(unit): I1-I6", sourceLocation: sourceLocation)
        for (row, expected) in zip(targetRows, targets) {
            #expect(row[1].text == expected.id, sourceLocation: sourceLocation)
            for (offset, value) in expected.values.enumerated() { equal(row[4 + offset], value, "\(expected.id) column \(4 + offset)") }
            // Percentages carry a percentage format; n is a whole number.
            if expected.values[0] != nil { #expect(row[4].format == "0.0%", "\(expected.id) value format", sourceLocation: sourceLocation) }
            #expect(row[5].value == nil || row[5].value is Int, "\(expected.id) n is an integer", sourceLocation: sourceLocation)
        }
        let satisfactionRows = rows("Hài lòng - Satisfaction")
        #expect(satisfactionRows.count == satisfaction.count, "\(unit): satisfaction rows", sourceLocation: sourceLocation)
        for (index, (row, expected)) in zip(satisfactionRows, satisfaction).enumerated() {
            for (offset, value) in expected.enumerated() { equal(row[2 + offset], value, "satisfaction row \(index) column \(2 + offset)") }
        }
        if let first = satisfactionRows.first, first[2].value != nil {
            #expect(first[2].format == "0.0%", "the overall rate is formatted as a percentage", sourceLocation: sourceLocation)
        }
        let feedbackRows = rows("Phản ánh - Feedback")
        #expect(feedbackRows.count == 2, sourceLocation: sourceLocation)
        for (index, (row, expected)) in zip(feedbackRows, feedback).enumerated() {
            for (offset, value) in expected.enumerated() { equal(row[4 + offset], value, "feedback row \(index) column \(4 + offset)") }
        }
        let sectorRows = rows("Lĩnh vực - Sectors")
        let expectedSectors = sectors
        #expect(Set(sectorRows.compactMap { $0[1].text }).isSuperset(of: expectedSectors.keys), "\(unit): every sector", sourceLocation: sourceLocation)
        for row in sectorRows {
            guard let code = row[1].text, let expected = expectedSectors[code] else { continue }
            if expected[0] == nil {
                #expect(row[3].text == "chưa đủ mẫu", "\(code) below the minimum n", sourceLocation: sourceLocation)
            } else {
                equal(row[3], expected[0], "sector \(code) rate")
            }
            for offset in 1..<4 { equal(row[3 + offset], expected[offset], "sector \(code) column \(3 + offset)") }
        }
    }
}

extension TestClientProtocol {
    /// The indicators API's JSON for a unit and an inclusive range (staff session or key).
    func indicators(unit: String, from: LocalDate, to: LocalDate, key: String) async throws -> [String: Any] {
        let response = try await get(
            SiteURL.apiIndicators.path(["unit": unit, "from": from.description, "to": to.description]), headers: [.authorization: "Bearer \(key)"])
        try #require(response.status == .ok, "\(response.text)")
        return try response.json()
    }
}

/// The reports' test data, on Monday 23/11/2026: the 43 ratings of `IndicatorGroupTests`
/// (cb-lan 30 at 90%, cb-minh 12, one poster rating), ten more the week before, and
/// feedback: one resolved on time, one overdue (received three weeks ago), one anonymous.
enum ReportSeed {
    static let monday = IndicatorGroupTests.monday

    static func seed(_ client: some TestClientProtocol, server: TestServer) async throws {
        try await IndicatorGroupTests.seed(client, server: server)
        try await server.recordRatings(officer: "cb-lan", levels: [3, 3, 3, 3, 3, 3, 3, 3, 2, 1], visits: 0, daysBack: 7)
        let contact: [String: Any] = ["name": "Lê Thị Hồng", "address": "7 Trần Phú", "phone": "0987 654 321"]
        let onTime = try await client.fileFeedback(
            ["kind": "phan-anh", "category": "cham-tre", "description": "Hồ sơ trễ hẹn", "contact": contact, "consent": true], key: server.apiKey)
        let code = try #require(onTime["code"] as? String)
        #expect(try await client.act(code, ["action": "resolve", "result": "Đã trả hồ sơ"], key: server.apiKey).status == .ok)
        _ = try await client.fileFeedback(
            [
                "kind": "kien-nghi", "category": "thu-tuc", "description": "Thủ tục rườm rà", "contact": contact, "consent": true, "channel": "hotline",
                "receivedAt": "2026-11-02T09:00:00+07:00",
            ], key: server.apiKey)
        _ = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế chờ"], key: server.apiKey)
    }
}
