import Domain
import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Storage

/// The raw exports (issue 11): every rating and the feedback register of some units over a
/// range of days, as CSV or XLSX, streamed. Rows come from Storage a page at a time (a few
/// thousand, keyset by id, each page its own short read) and go out as they come, so a
/// million ratings export in the memory of one page: no array of every row, no workbook in
/// memory. The XLSX's sheet is written to a temporary file as pages arrive, deflated into
/// the workbook by `ZipWriter` on a thread of the NIO pool, then sent in 64 kB pieces.
struct RawExport: Sendable {
    enum Format: String, Sendable {
        case csv, xlsx

        var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// One page of rows, and the id to continue after.
    struct Page: Sendable {
        let rows: [[ReportCell]]
        let lastId: Int64?
    }

    /// Rows per read: big enough that a million rows is a few hundred short reads, small
    /// enough that a page (and its CSV text) stays well under a megabyte or two.
    static let pageSize = 2000

    let name: String
    let headers: [String]
    /// The page after an id (0 for the first); fewer than `pageSize` rows means the last.
    let page: @Sendable (Int64) async throws -> Page

    /// The response that streams the rows in `format`, downloaded as `fileName`.
    func response(_ format: Format, fileName: String) -> Response {
        let body: ResponseBody =
            switch format {
            case .csv: ResponseBody { writer in try await self.writeCSV(&writer) }
            case .xlsx: ResponseBody { writer in try await self.writeXLSX(&writer) }
            }
        return Response(
            status: .ok,
            headers: [
                .contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(fileName)\"", .cacheControl: "no-store",
            ], body: body)
    }

    private func writeCSV(_ writer: inout any ResponseBodyWriter) async throws {
        var text = CSVWriter.byteOrderMark + CSVWriter.header(headers)
        var after: Int64 = 0
        while true {
            let next = try await page(after)
            for row in next.rows { text += CSVWriter.line(row) }
            // One write per page: the text of a page, then it is gone.
            try await writer.write(ByteBuffer(string: text))
            text = ""
            guard next.rows.count >= Self.pageSize, let last = next.lastId else { break }
            after = last
        }
        try await writer.finish(nil)
    }

    private func writeXLSX(_ writer: inout any ResponseBodyWriter) async throws {
        let workbook = try XLSXWriter()
        try workbook.begin(sheet: name, headers: headers)
        var after: Int64 = 0
        while true {
            let next = try await page(after)
            for row in next.rows { try workbook.append(row) }
            guard next.rows.count >= Self.pageSize, let last = next.lastId else { break }
            after = last
        }
        // Deflating a large sheet takes seconds of CPU and blocking file I/O: on the NIO
        // pool's threads, not the two of Swift's cooperative pool that serve every request.
        let file = try await NIOThreadPool.singleton.runIfActive { try workbook.finishFile() }
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty {
            try await writer.write(ByteBuffer(bytes: chunk))
        }
        try await writer.finish(nil)
        // The writer's temporary directory goes when `workbook` does, at the end of this scope.
        withExtendedLifetime(workbook) {}
    }
}

extension RawExport {
    static func yesNo(_ value: Bool?) -> ReportCell {
        value.map { .text($0 ? "có" : "không") } ?? .empty
    }

    static func text(_ value: String?) -> ReportCell {
        value.map(ReportCell.text) ?? .empty
    }

    /// Every rating of `unitIds` on days [from, to]: one row each, one column per question
    /// that takes a level (0 = no opinion, empty = not answered). No row id and no time of
    /// day: nothing that would let a row be matched to the person served (see
    /// `ResponseExportRow`).
    static func responses(database: AppDatabase, unitIds: [Int64], from: LocalDate, to: LocalDate, questions: [String]) -> RawExport {
        RawExport(
            name: "Lượt đánh giá - Ratings",
            headers: [
                "Đơn vị / Unit", "Ngày / Day", "Quầy / Counter", "Cán bộ / Officer", "Lĩnh vực / Sector", "Thủ tục / Procedure",
                "Kênh / Channel", "Phiếu / Form", "Phiên bản / Version", "Nguồn / Source",
            ] + questions,
            page: { after in
                let rows = try await database.responsesForExport(unitIds: unitIds, from: from, through: to, afterId: after, limit: pageSize)
                return Page(
                    rows: rows.map { row in
                        [
                            .text(row.unitCode), .text(row.day), text(row.counterCode), text(row.officerCode),
                            text(row.sectorCode), text(row.procedureCode), .text(row.channel), .text(row.formId), .integer(row.formVersion),
                            .text(row.fromTicket ? "ticket" : "poster"),
                        ] + questions.map { id in row.answers[id].map(ReportCell.integer) ?? .empty }
                    }, lastId: rows.last?.id)
            })
    }

    /// The feedback register of `unitIds`, items received on days [from, to]: codes, states
    /// and dates; `overdue` as of `today` (open, clocked, past its due date: domain.md §3).
    static func feedback(database: AppDatabase, unitIds: [Int64], from: LocalDate, to: LocalDate, today: LocalDate) -> RawExport {
        RawExport(
            name: "Sổ phản ánh - Feedback",
            headers: [
                "Mã tra cứu / Code", "Đơn vị / Unit", "Loại / Kind", "Nhóm nội dung / Category", "Kênh / Channel", "Trạng thái / State",
                "Ẩn danh / Anonymous", "Thời điểm nhận / Received at", "Ngày nhận / Received on", "Hạn / Due", "Ngày thụ lý / Accepted on",
                "Thời điểm xử lý / Handled at", "Cách xử lý / Handling", "Đúng hạn / On time", "Quá hạn / Overdue", "Số lần gia hạn / Extensions",
                "Quầy / Counter", "Cán bộ bị phản ánh / Officer", "Thủ tục / Procedure", "Người xử lý / Assignee", "Kết quả xác minh / Verification",
                "Ngày xác minh / Verified on",
            ],
            page: { after in
                let rows = try await database.feedbackForExport(unitIds: unitIds, from: from, through: to, afterId: after, limit: pageSize)
                return Page(
                    rows: rows.map { row in
                        let open = FeedbackState(rawValue: row.state)?.isOpen ?? false
                        let overdue: Bool? = row.dueOn.map { open && today > $0 }
                        return [
                            .text(row.code), .text(row.unitCode), .text(row.kind), .text(row.category), .text(row.channel), .text(row.state),
                            yesNo(row.anonymous), .text(LocalTime.iso8601(row.receivedAt)), .text(row.receivedOn.description),
                            text(row.dueOn?.description), text(row.acceptedOn?.description), text(row.handledAt.map(LocalTime.iso8601)), text(row.handling),
                            yesNo(row.onTime), yesNo(overdue), .integer(row.extensions), text(row.counterCode), text(row.officerCode),
                            text(row.procedureCode), text(row.assignee), text(row.verification), text(row.verifiedOn?.description),
                        ]
                    }, lastId: rows.last?.id)
            })
    }
}
