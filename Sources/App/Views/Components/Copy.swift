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
}
