import Domain
import Foundation
import Hummingbird
import NIOCore
import Storage

/// Samples of handled items: draw (stratified, seeded, reproducible), review each sampled
/// item with a checklist, export the findings as CSV and XLSX.
extension InspectionController {
    static let maxPerStratum = 100
    /// A year and a day: a sample covers at most a campaign year.
    static let maxSampleDays = 367

    func addSampleRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.inspectionSamples.route, use: samples)
        staff.post(SiteURL.inspectionSamples.route, use: drawSample)
        staff.get(SiteURL.inspectionSample(.key).route, use: sample)
        staff.post(SiteURL.inspectionSampleReview(.key).route, use: reviewSampleItem)
        staff.get(SiteURL.inspectionFindingsCSV(.key).route, use: findingsCSV)
        staff.get(SiteURL.inspectionFindingsXLSX(.key).route, use: findingsXLSX)
    }

    @Sendable func samples(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let coverage = try await coverage(request, session: session, for: .sampleFeedback)
        let query = request.uri.queryParameters
        var input: [String: String] = [:]
        for name in ["from", "to", "n", "seed"] { input[name] = query.get(name) }
        input["unit"] = coverage.chosen?.code
        return try await samplesPage(session: session, coverage: coverage, language: request.language, input: input)
    }

    @Sendable func drawSample(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: Self.formLimit)
        try CSRF.check(fields, session: session)
        try session.requireAnywhere(.sampleFeedback)
        let units = try await scope.units(session, for: .sampleFeedback)
        let everyUnit = AccessPolicy.units(session.principal, for: .sampleFeedback) == .all
        var input = fields
        input["_csrf"] = nil
        let unitCode = fields["unit"] ?? ""
        let chosen = units.first { $0.code == unitCode }
        let coverage = Coverage(units: units, chosen: chosen)
        do {
            // "Every unit" only for an account that reads every unit; otherwise a unit in reach.
            guard chosen != nil || (unitCode.isEmpty || unitCode == "all") && everyUnit else {
                throw AppError.invalidField("unit", vi: "Hãy chọn một đơn vị trong phạm vi kiểm tra.", en: "Choose a unit within your scope.")
            }
            let asked = try Self.sampleRequest(fields, unitId: chosen?.id ?? (everyUnit ? nil : units.first?.id))
            let items = try await database.handledFeedbackItems(unitId: asked.unitId, from: asked.from, through: asked.to)
            let candidates = items.map { item in
                SampleCandidate(
                    id: item.id, code: item.code.description,
                    stratum: SampleStratum(unit: item.unitCode, kind: item.kind, officer: item.assignee, timing: SampleTiming(onTime: item.onTime)))
            }
            let draws = FeedbackSampler.draw(candidates, perStratum: asked.perStratum, seed: asked.seed)
            let drawn = draws.flatMap { draw in draw.drawn.map { (itemId: $0.id, stratum: draw.stratum.key) } }
            let id = try await database.saveInspectionSample(
                asked, population: candidates.count,
                strata: draws.map { SampleStratumCount(key: $0.stratum.key, population: $0.population, drawn: $0.drawn.count) }, items: drawn, actor: session.user.username, now: clock.now)
            return .redirect(SiteURL.inspectionSample(.value(id)).path(language: request.language))
        } catch let error as AppError where error.status == .unprocessableContent {
            return try await samplesPage(
                session: session, coverage: coverage, language: request.language, input: input, error: error.message, status: error.status)
        }
    }

    /// The request a form describes: dates `YYYY-MM-DD` (from not after to, at most a year
    /// apart), a size per stratum of 1-100, and a seed (a whole number; a new one when empty).
    static func sampleRequest(_ fields: [String: String], unitId: Int64?) throws -> SampleRequest {
        guard let from = fields["from"].flatMap(LocalDate.init), let to = fields["to"].flatMap(LocalDate.init) else {
            throw AppError.invalidField("period", vi: "Hãy nhập ngày bắt đầu và ngày kết thúc hợp lệ.", en: "Enter a valid start and end date.")
        }
        guard from <= to, from.adding(days: maxSampleDays) > to else {
            throw AppError.invalidField(
                "period", vi: "Ngày bắt đầu phải trước ngày kết thúc, cách nhau không quá một năm.",
                en: "The start must be before the end, at most a year apart.")
        }
        guard let size = fields["n"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (1...maxPerStratum).contains(size) else {
            throw AppError.invalidField(
                "n", vi: "Cỡ mẫu mỗi nhóm phải là số từ 1 đến \(maxPerStratum).", en: "The size per stratum must be a number from 1 to \(maxPerStratum).")
        }
        let typed = (fields["seed"] ?? "").trimmingCharacters(in: .whitespaces)
        let seed: UInt64
        if typed.isEmpty {
            // Only the seed comes from the system's generator; the draw itself is SplitMix64's.
            var system = SystemRandomNumberGenerator()
            seed = UInt64.random(in: 1...999_999_999, using: &system)
        } else {
            guard typed.utf8.count <= 20, typed.utf8.allSatisfy({ (48...57).contains($0) }), let value = UInt64(typed) else {
                throw AppError.invalidField(
                    "seed", vi: "Hạt giống phải là một số nguyên không âm (hoặc để trống).", en: "The seed must be a whole number (or left empty).")
            }
            seed = value
        }
        return SampleRequest(unitId: unitId, from: from, to: to, perStratum: size, seed: seed)
    }

    private func samplesPage(
        session: StaffSession, coverage: Coverage, language: Language, input: [String: String], error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let everyUnit = AccessPolicy.units(session.principal, for: .sampleFeedback) == .all
        let stored = try await database.inspectionSamples(unitId: everyUnit ? coverage.chosen?.id : coverage.units.first?.id)
        let page = InspectionSamplesPage(
            session: session, coverage: coverage, everyUnit: everyUnit, samples: stored, today: clock.today, language: language, input: input,
            error: error)
        return pages.render(page, status: status)
    }

    // MARK: one sample

    /// The sample, if the account may sample in its unit (every unit for a sample of every unit).
    private func readableSample(_ context: AppRequestContext, session: StaffSession, for action: StaffAction = .sampleFeedback) async throws
        -> InspectionSample
    {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let sample = try await database.inspectionSample(id: id) else {
            throw AppError.notFound
        }
        let allowed = sample.request.unitId.map { session.may(action, inUnit: $0) } ?? session.mayGlobally(action)
        // Out of reach reads as missing: a sample's number, unlike a tracking code, is not public.
        guard allowed else { throw AppError.notFound }
        return sample
    }

    @Sendable func sample(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let sample = try await readableSample(context, session: session)
        let notice = request.uri.queryParameters.get("reviewed").map {
            LocalizedText(vi: "Đã ghi kết quả kiểm tra phản ánh \($0).", en: "Review of \($0) saved.")
        }
        return try await samplePage(sample, session: session, language: request.language, notice: notice)
    }

    @Sendable func reviewSampleItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: Self.formLimit)
        try CSRF.check(fields, session: session)
        let sample = try await readableSample(context, session: session)
        guard let entry = sample.entries.first(where: { $0.item.code.description == fields["item"] }) else {
            throw AppError.invalidField("item", vi: "Phản ánh này không có trong mẫu.", en: "This item is not in the sample.")
        }
        guard session.may(.reviewFeedback, inUnit: entry.item.unitId) else { throw AppError.staffForbidden }
        let code = entry.item.code.description
        func answer(_ name: String) -> ChecklistAnswer? { fields[name].flatMap(ChecklistAnswer.init(rawValue:)) }
        let finding = TextNormalizer.normalize(fields["finding"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let concrete = answer("resultConcrete"), let onTime = answer("onTime"), let intact = answer("historyIntact"),
            let reply = answer("replySent"), finding.count <= Self.noteLimit
        else {
            var kept = fields
            kept["_csrf"] = nil
            let error = LocalizedText(
                vi: "Hãy trả lời đủ bốn câu hỏi (có, không, không áp dụng); nhận xét tối đa \(Self.noteLimit) ký tự.",
                en: "Answer all four questions (yes, no, not applicable); the finding is at most \(Self.noteLimit) characters.")
            return try await samplePage(
                sample, session: session, language: request.language, error: error, failed: code, input: kept, status: .unprocessableContent)
        }
        let review = SampleReview(resultConcrete: concrete, onTime: onTime, historyIntact: intact, replySent: reply, finding: finding)
        _ = try await database.recordSampleReview(
            sampleId: sample.id, itemId: entry.item.id, review: review, reviewer: session.user.username, now: clock.now)
        return .redirect(SiteURL.inspectionSample(.value(sample.id)).path(language: request.language, ["reviewed": code]) + "#item-\(code)")
    }

    private func samplePage(
        _ sample: InspectionSample, session: StaffSession, language: Language, notice: LocalizedText? = nil, error: LocalizedText? = nil,
        failed: String? = nil, input: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var chains: [Int64: FeedbackChainStatus] = [:]
        for entry in sample.entries { chains[entry.item.id] = try await database.feedbackChainStatus(itemId: entry.item.id) }
        let page = InspectionSamplePage(
            session: session, sample: sample, chains: chains, language: language, notice: notice, error: error, failed: failed, input: input)
        return pages.render(page, status: status)
    }

    // MARK: findings

    @Sendable func findingsCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let sample = try await readableSample(context, session: session, for: .exportFindings)
        let tables = try await findings(sample)
        return Self.download(CSVWriter.document(tables[0]), type: "text/csv; charset=utf-8", name: "hailong-findings-\(sample.id).csv")
    }

    @Sendable func findingsXLSX(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let sample = try await readableSample(context, session: session, for: .exportFindings)
        let data = try XLSXWriter.workbook(try await findings(sample))
        return Self.download(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "hailong-findings-\(sample.id).xlsx")
    }

    private func findings(_ sample: InspectionSample) async throws -> [ReportTable] {
        var chains: [Int64: FeedbackChainStatus] = [:]
        for entry in sample.entries { chains[entry.item.id] = try await database.feedbackChainStatus(itemId: entry.item.id) }
        return InspectionFindings.tables(sample, chains: chains)
    }

    static func download(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
