/// The calendars the service ships (domain.md §4): the days off of cán bộ, công chức, viên
/// chức, whose working days are the ones the one-stop desk keeps. Bộ luật Lao động 2019,
/// Điều 112: 1 January; Tết Âm lịch, 5 days; Giỗ Tổ Hùng Vương (10/3 lunar); 30 April;
/// 1 May; 2 September and one adjacent day. A holiday on a weekly day off gives a
/// compensatory day (nghỉ bù) on the next working day (khoản 3). Each year the government
/// picks the Tết days and the day next to 2 September, and may swap a working day with a
/// Saturday (hoán đổi), which then becomes a make-up working day.
///
/// Not included: 24/11, Ngày Văn hóa Việt Nam. Nghị quyết 80-NQ/TW (January 2026) wants it a
/// paid day off, and Nghị quyết 30/NQ-CP (February 2026) asks for Điều 112 to be amended,
/// but no amended law was found. Add it by editing the year once it is enacted.
extension HolidayCalendar {
    /// 2026, as announced:
    /// - Tết Dương lịch: 1/1 (Thursday) and 2/1 swapped with Saturday 10/1. Văn bản số
    ///   12729/VPCP-KGVX, 25/12/2025 (Phó Thủ tướng Phạm Thị Thanh Trà agreeing to the Bộ Nội
    ///   vụ proposal: 4 days off, 1/1-4/1).
    /// - Tết Bính Ngọ: Monday 16/2 (29 tháng Chạp Ất Tỵ) to Friday 20/2 (mùng 4), 9 days off
    ///   with the weekends 14/2-22/2; and Quốc khánh: Monday 31/8 swapped with Saturday 22/8,
    ///   1/9 as the adjacent day, 29/8-2/9 off. Văn phòng Chính phủ conveying the Prime
    ///   Minister's agreement, October 2025 (reported by kienthuc.net.vn, 13/10/2025, and
    ///   congan.com.vn; vnews 17/10/2025 gives the same Tết days).
    /// - Giỗ Tổ Hùng Vương: 10/3 Bính Ngọ is Sunday 26/4, so Monday 27/4 is the nghỉ bù
    ///   (Điều 112 khoản 3; thanhnien.vn, 23/02/2026). No swap was announced for 28-29/4.
    /// - 30/4 (Thursday) and 1/5 (Friday) are the statutory dates.
    /// Every day here is confirmed by an announcement or follows directly from the statute
    /// on a confirmed lunar date, so none is tentative.
    public static let vietnam2026 = HolidayCalendar(
        year: 2026,
        days: [
            holiday("2026-01-01", vi: "Tết Dương lịch", en: "New Year's Day"),
            holiday("2026-01-02", vi: "Nghỉ hoán đổi dịp Tết Dương lịch", en: "New Year: day off swapped with Saturday 10/01"),
            makeUp("2026-01-10", vi: "Làm bù cho ngày 02/01", en: "Make-up working day for 02/01"),
            holiday("2026-02-16", vi: "Tết Nguyên đán (29 tháng Chạp)", en: "Lunar New Year (last day of the year)"),
            holiday("2026-02-17", vi: "Tết Nguyên đán (mùng 1)", en: "Lunar New Year (day 1)"),
            holiday("2026-02-18", vi: "Tết Nguyên đán (mùng 2)", en: "Lunar New Year (day 2)"),
            holiday("2026-02-19", vi: "Tết Nguyên đán (mùng 3)", en: "Lunar New Year (day 3)"),
            holiday("2026-02-20", vi: "Tết Nguyên đán (mùng 4)", en: "Lunar New Year (day 4)"),
            holiday("2026-04-26", vi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)", en: "Hung Kings' Commemoration (10th of the 3rd lunar month)"),
            holiday("2026-04-27", vi: "Nghỉ bù Giỗ Tổ Hùng Vương", en: "Compensatory day off for the Hung Kings' Commemoration"),
            holiday("2026-04-30", vi: "Ngày Chiến thắng", en: "Reunification Day"),
            holiday("2026-05-01", vi: "Ngày Quốc tế Lao động", en: "International Workers' Day"),
            makeUp("2026-08-22", vi: "Làm bù cho ngày 31/08", en: "Make-up working day for 31/08"),
            holiday("2026-08-31", vi: "Nghỉ hoán đổi dịp Quốc khánh", en: "National Day: day off swapped with Saturday 22/08"),
            holiday("2026-09-01", vi: "Quốc khánh (ngày liền kề)", en: "National Day (adjacent day)"),
            holiday("2026-09-02", vi: "Quốc khánh", en: "National Day"),
        ])

    /// 2027, not yet announced. The fixed dates are the statute's; everything that depends
    /// on the lunar calendar or on a government choice is tentative:
    /// - Tết Đinh Mùi: mùng 1 is Saturday 6/2 and tháng Chạp Bính Ngọ has 29 days. The five
    ///   days are taken as the usual one day before and four after: Friday 5/2 to Tuesday
    ///   9/2. Mùng 1 and mùng 2 fall on the weekend, so Wednesday 10/2 and Thursday 11/2 are
    ///   the nghỉ bù.
    /// - Giỗ Tổ Hùng Vương: 10/3 Đinh Mùi is Friday 16/4.
    /// - 1/1 is a Friday, 30/4 a Friday: no nghỉ bù. 1/5 is a Saturday: nghỉ bù on Monday 3/5.
    /// - 2/9 is a Thursday; the adjacent day is taken as Friday 3/9 (as in 2021, the last year
    ///   2/9 fell on a Thursday), a choice the government has not made yet.
    /// No swap or make-up working day is assumed.
    public static let vietnam2027 = HolidayCalendar(
        year: 2027,
        days: [
            holiday("2027-01-01", vi: "Tết Dương lịch", en: "New Year's Day"),
            holiday("2027-02-05", vi: "Tết Nguyên đán (29 tháng Chạp)", en: "Lunar New Year (last day of the year)", tentative: true),
            holiday("2027-02-06", vi: "Tết Nguyên đán (mùng 1)", en: "Lunar New Year (day 1)", tentative: true),
            holiday("2027-02-07", vi: "Tết Nguyên đán (mùng 2)", en: "Lunar New Year (day 2)", tentative: true),
            holiday("2027-02-08", vi: "Tết Nguyên đán (mùng 3)", en: "Lunar New Year (day 3)", tentative: true),
            holiday("2027-02-09", vi: "Tết Nguyên đán (mùng 4)", en: "Lunar New Year (day 4)", tentative: true),
            holiday("2027-02-10", vi: "Nghỉ bù Tết Nguyên đán (mùng 1)", en: "Compensatory day off for Lunar New Year (day 1)", tentative: true),
            holiday("2027-02-11", vi: "Nghỉ bù Tết Nguyên đán (mùng 2)", en: "Compensatory day off for Lunar New Year (day 2)", tentative: true),
            holiday("2027-04-16", vi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)", en: "Hung Kings' Commemoration (10th of the 3rd lunar month)", tentative: true),
            holiday("2027-04-30", vi: "Ngày Chiến thắng", en: "Reunification Day"),
            holiday("2027-05-01", vi: "Ngày Quốc tế Lao động", en: "International Workers' Day"),
            holiday("2027-05-03", vi: "Nghỉ bù Ngày Quốc tế Lao động", en: "Compensatory day off for International Workers' Day", tentative: true),
            holiday("2027-09-02", vi: "Quốc khánh", en: "National Day"),
            holiday("2027-09-03", vi: "Quốc khánh (ngày liền kề)", en: "National Day (adjacent day)", tentative: true),
        ])

    /// The years the service ships; later years must be entered by an administrator.
    public static let shipped = [vietnam2026, vietnam2027]

    private static func holiday(_ date: String, vi: String, en: String, tentative: Bool = false) -> CalendarDay {
        CalendarDay(date: literal(date), kind: .holiday, name: LocalizedText(vi: vi, en: en), tentative: tentative)
    }

    private static func makeUp(_ date: String, vi: String, en: String, tentative: Bool = false) -> CalendarDay {
        CalendarDay(date: literal(date), kind: .makeUpWorkingDay, name: LocalizedText(vi: vi, en: en), tentative: tentative)
    }

    // The dates above are literals checked by the tests; a typo is a programming error.
    private static func literal(_ text: String) -> LocalDate {
        guard let date = LocalDate(text) else { preconditionFailure("invalid date literal \(text)") }
        return date
    }
}
