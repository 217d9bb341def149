import Domain

/// Sentences shown to citizens, in Vietnamese and English, kept in one place so every page
/// says the same thing the same way.
enum Copy {
    static let privacy = LocalizedText(
        vi: "Đánh giá là ẩn danh: không thu thập họ tên, số điện thoại hay thông tin cá nhân nào.",
        en: "Ratings are anonymous: no name, phone number or other personal data is collected.")
    static let recorded = LocalizedText(
        vi: "Cảm ơn Ông/Bà! Đánh giá đã được ghi nhận.", en: "Thank you! Your rating has been recorded.")
    static let detailsHeading = LocalizedText(
        vi: "Ông/Bà có thể góp thêm ý kiến (không bắt buộc)", en: "You may tell us more (optional)")
    static let detailsIntro = LocalizedText(
        vi: "Chọn mức phù hợp cho từng nội dung; \"–\" là không có ý kiến; bỏ trống nội dung không muốn trả lời.",
        en: "Choose a level for each item; \"–\" means no opinion; leave blank what you do not wish to answer.")
    static let firstAnswerKept = LocalizedText(
        vi: "Ông/Bà đã đánh giá lượt này rồi: đánh giá đầu tiên được giữ nguyên, mỗi lượt chỉ được đánh giá một lần.",
        en: "You had already rated this visit: your first answer stands, as each visit takes one rating.")
    static let send = LocalizedText(vi: "Gửi ý kiến", en: "Send")
    static let thanksHeading = LocalizedText(vi: "Xin cảm ơn!", en: "Thank you!")
    static let detailsRecorded = LocalizedText(
        vi: "Ý kiến chi tiết của Ông/Bà đã được ghi nhận cùng đánh giá.", en: "Your answers were added to your rating.")
    static let thanksMessage = LocalizedText(
        vi: "Ý kiến của Ông/Bà giúp Trung tâm phục vụ người dân tốt hơn.", en: "Your answers help the centre serve citizens better.")
    static let ratingTitle = LocalizedText(vi: "Đánh giá mức độ hài lòng", en: "Rate your satisfaction")
    static let errorTitle = LocalizedText(vi: "Không thực hiện được", en: "Could not be done")

    /// The notice where contact data is collected (Luật 91/2025/QH15, domain.md §5): purpose,
    /// who holds it, how long (the configured retention), the person's rights and how to use
    /// them. Shown in Vietnamese then English beside the consent checkbox, whatever the page's
    /// language: it is what the person consents to.
    static func contactNotice(retentionMonths months: Int) -> LocalizedText {
        LocalizedText(
            vi: "Thông tin liên hệ chỉ dùng để liên hệ, làm rõ và trả lời phản ánh này. Trung tâm nhận phản ánh giữ thông tin này (mã hóa, chỉ cán bộ xử lý phản ánh được xem) đến \(months) tháng sau khi phản ánh kết thúc, rồi xóa; hồ sơ phản ánh vẫn được lưu trữ. Ông/Bà có quyền xem, sửa, xóa thông tin này và rút lại sự đồng ý bất cứ lúc nào: trên trang tra cứu phản ánh, dùng mã tra cứu, mục \"Thông tin cá nhân của Ông/Bà\" (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).",
            en: "Contact details are used only to contact you about, clarify and answer this feedback. The centre receiving it keeps them (encrypted, seen only by the staff handling the item) until \(months) months after the item is closed, then erases them; the feedback record itself is archived. You may see, correct or delete them, or withdraw your consent, at any time: on the tracking page, with your tracking code, under \"Your personal data\" (Personal Data Protection Law 91/2025/QH15).")
    }

    /// The consent checkbox's own words: explicit, and pointing at the notice beside it.
    static let contactConsent = LocalizedText(
        vi: "Tôi đồng ý để Trung tâm dùng thông tin liên hệ này như thông báo trên.",
        en: "I agree that the centre uses these contact details as stated above.")

    /// Writes the notice, Vietnamese then English, each marked with its language.
    static func writeContactNotice(retentionMonths months: Int, into html: inout HTML) {
        let notice = contactNotice(retentionMonths: months)
        html.open("div", .class("notice"))
        html.element("p", .fixed("lang", "vi"), text: notice.vi)
        html.element("p", .fixed("lang", "en"), text: notice.en)
        html.close("div")
    }
}
