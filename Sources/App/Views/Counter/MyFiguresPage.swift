import Domain
import Foundation
import Storage

/// An officer's own satisfaction figures by period: rates with interval and n, suppressed
/// below the minimum n. Only counts: never an individual citizen's answer.
struct MyFiguresPage: Page {
    struct Row: Sendable {
        let period: String
        let rate: String
        let index: String
        /// TT 01/2018 index 7 (attitude): 0 when a conduct item about the officer was found
        /// substantiated in the period, else 2.
        let index7: String
        /// TT 01/2018 index 8 (feedback on time): 2, 1 or 0.
        let index8: String
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let columns: [String]
    let rows: [Row]
    let method: String

    init(session: StaffSession, officerName: String, rows: [Row], language: Language) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Kết quả của tôi", en: "My results"), staff: session) {
            SiteURL.me.path(language: $0)
        }
        heading = words("Kết quả đánh giá - \(officerName)", "My ratings - \(officerName)")
        intro = words(
            "Tỷ lệ hài lòng chung từ các lượt đánh giá gắn với Ông/Bà. Dưới ngưỡng cỡ mẫu, tỷ lệ không được hiện.",
            "Overall satisfaction from the ratings attributed to you. Below the minimum sample no rate is shown.")
        self.rows = rows
        columns = [
            words("Kỳ", "Period"), words("Tỷ lệ hài lòng", "Satisfaction rate"), words("Chỉ số hài lòng", "Satisfaction index"),
            words("Chỉ số 7 (thái độ, TT 01/2018)", "Index 7 (attitude, TT 01/2018)"),
            words("Chỉ số 8 (phản ánh đúng hạn)", "Index 8 (feedback on time)"),
        ]
        method = FigureText.method.text(in: language)
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        html.element("p", text: intro)
        Components.table(caption: heading, headers: columns, rows: rows.map { [.text($0.period), .text($0.rate), .text($0.index), .text($0.index7), .text($0.index8)] }, into: &html)
        html.element("p", .class("note"), text: method)
    }
}
