import Domain

/// The rule every `from`/`to` of a query keeps: from not after to, and at most ten years.
/// Ten years is more than any campaign, so a longer range is a typing error; its figures
/// would also cost seconds of a shared server (a 130-year `by=week` took 2.7 s).
enum DayRange {
    static let maximumDays = 3660

    static func check(from: LocalDate, to: LocalDate) throws {
        guard from <= to else { throw AppError.invalidRange }
        guard to.daysSinceEpoch - from.daysSinceEpoch < maximumDays else { throw AppError.rangeTooLong }
    }
}

extension AppError {
    static let invalidRange = AppError(
        .badRequest, "invalid_range", vi: "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.", en: "from must not be after to.")
    static let rangeTooLong = AppError(.badRequest, "range_too_long", vi: "Khoảng ngày dài quá 10 năm.", en: "The range is longer than ten years.")
}
