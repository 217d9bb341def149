import Domain
import Storage

extension AppError {
    /// A tablet without a device cookie, or with one no device holds.
    static let deviceNotPaired = AppError(
        .unauthorized, "device_not_paired", vi: "Thiết bị này chưa được ghép nối với quầy nào.", en: "This device is not paired with a counter.",
        advice: LocalizedText(
            vi: "Mở /kiosk trên máy tính bảng và nhập mã ghép nối do quản trị tạo.",
            en: "Open /kiosk on the tablet and type the pairing code an administrator made."))

    init(kioskError: KioskError) {
        switch kioskError {
        case .wrongCode:
            self = AppError(
                .unprocessableContent, "pairing_code_wrong", vi: "Mã ghép nối không đúng.", en: "This pairing code is not right.",
                advice: LocalizedText(
                    vi: "Kiểm tra lại mã trên màn hình Thiết bị đánh giá (8 ký tự, ví dụ K7PM-3QXD).",
                    en: "Check the code on the devices screen (8 characters, e.g. K7PM-3QXD)."))
        case .codeExpired:
            self = AppError(
                .gone, "pairing_code_expired", vi: "Mã ghép nối đã hết hạn (mỗi mã dùng được 10 phút).",
                en: "This pairing code has expired (a code lasts 10 minutes).",
                advice: LocalizedText(vi: "Tạo mã mới trên màn hình Thiết bị đánh giá.", en: "Make a new code on the devices screen."))
        case .codeUsed:
            self = AppError(
                .gone, "pairing_code_used", vi: "Mã ghép nối này đã được dùng.", en: "This pairing code has already been used.",
                advice: LocalizedText(
                    vi: "Mỗi mã chỉ ghép được một lần; tạo mã mới nếu cần ghép lại.", en: "A code pairs once; make a new code to pair again."))
        case .revoked:
            self = AppError(
                .forbidden, "device_revoked", vi: "Thiết bị này đã bị thu hồi và không ghi nhận đánh giá nữa.",
                en: "This device has been revoked and records no more ratings.",
                advice: LocalizedText(vi: "Liên hệ quản trị để ghép nối một thiết bị mới.", en: "Ask an administrator to pair a new device."))
        case .counterInactive:
            self = AppError(
                .conflict, "counter_inactive", vi: "Quầy này đang tạm ngừng hoạt động; đánh giá không được ghi nhận.",
                en: "This counter is out of service; the rating was not recorded.")
        case .ticketElsewhere:
            self = AppError(
                .unprocessableContent, "ticket_elsewhere", vi: "Giao dịch này không thuộc quầy của thiết bị.",
                en: "This transaction is not one of this device's counter.")
        case .unknownTap:
            self = AppError(
                .notFound, "unknown_tap", vi: "Không tìm thấy lượt đánh giá để bổ sung ý kiến.", en: "No rating to add these answers to.")
        case .unknownCounter:
            self = .invalidField("counter", vi: "Không có quầy này trong đơn vị.", en: "No such counter in this unit.")
        }
    }
}
