import Domain
import Foundation
import Storage

/// The findings of a reviewed sample as tables: one row per sampled item with the data and
/// the reviewer's checklist, then one row per stratum with how much of it was reviewed. The
/// CSV carries the first table; the XLSX both, one sheet each.
enum InspectionFindings {
    static func tables(_ sample: InspectionSample, chains: [Int64: FeedbackChainStatus]) -> [ReportTable] {
        func answer(_ value: ChecklistAnswer?) -> ReportCell { value.map { .text($0.name.vi) } ?? .empty }
        let items = ReportTable(
            name: "Phát hiện - Findings",
            headers: [
                "Mẫu / Sample", "Nhóm mẫu / Stratum", "Mã / Code", "Đơn vị / Unit", "Loại / Kind", "Nhóm nội dung / Category",
                "Người xử lý / Handled by", "Ngày nhận / Received", "Hạn / Due", "Ngày xử lý / Handled", "Đúng hạn (dữ liệu) / On time (data)",
                "Lịch sử (dữ liệu) / History (data)", "Kết quả cụ thể / Result concrete", "Đúng hạn / On time", "Lịch sử nguyên vẹn / History intact",
                "Đã trả lời / Reply sent", "Nhận xét / Finding", "Người kiểm tra / Reviewer", "Ngày kiểm tra / Reviewed",
            ],
            rows: sample.entries.map { entry -> [ReportCell] in
                let item = entry.item
                let chain: String =
                    switch chains[item.id] {
                    case .verified?: "Đã kiểm chứng"
                    case .broken(let event)?: "Bị phá vỡ tại sự kiện \(event)"
                    case nil: ""
                    }
                return [
                    .integer(Int(sample.id)), .text(entry.stratum), .text(item.code.description), .text(item.unitCode), .text(item.kind.rawValue),
                    .text(item.category.rawValue), .text(item.assignee ?? ""), .text(item.receivedOn.description),
                    .text(item.dueOn?.description ?? ""), .text(item.handledAt.map { LocalDate($0).description } ?? ""),
                    .text(item.onTime.map { $0 ? "Có" : "Không" } ?? "Không tính hạn"), .text(chain), answer(entry.review?.resultConcrete),
                    answer(entry.review?.onTime), answer(entry.review?.historyIntact), answer(entry.review?.replySent),
                    .text(entry.review?.finding ?? ""), .text(entry.review?.reviewer ?? ""),
                    entry.review.map { ReportCell.text(LocalTime.iso8601($0.at)) } ?? .empty,
                ]
            })
        let reviewed = Dictionary(grouping: sample.entries.filter { $0.review != nil }, by: \.stratum).mapValues(\.count)
        let summary = ReportTable(
            name: "Nhóm mẫu - Strata",
            headers: [
                "Nhóm mẫu / Stratum", "Số phản ánh đã xử lý / Items handled", "Số phản ánh chọn / Drawn", "Đã kiểm tra / Reviewed",
                "Tỷ lệ đã kiểm tra / Share reviewed",
            ],
            rows: sample.strata.map { stratum -> [ReportCell] in
                let done = reviewed[stratum.key] ?? 0
                return [
                    .text(stratum.key), .integer(stratum.population), .integer(stratum.drawn), .integer(done),
                    .percent(Double(done) / Double(max(stratum.drawn, 1))),
                ]
            })
        return [items, summary]
    }
}
