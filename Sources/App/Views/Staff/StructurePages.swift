import Domain
import Storage

/// A ward's officers and the counter each serves, with a form to add one.
struct OfficersPage: Page {
    let chrome: PageChrome
    let list: StructureList

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], officers: [OfficerAssignment], counters: [Counter], language: Language,
        input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Cán bộ", en: "Officers"), staff: session) {
            SiteURL.officers.path(language: $0, ["unit": unit.code])
        }
        let names = Dictionary(uniqueKeysWithValues: counters.compactMap { counter in counter.id.map { ($0, counter.name) } })
        let rows: [[Cell]] = officers.map { entry in
            let assign = InlineForm(
                action: SiteURL.officerAssign(.value(entry.officer.id ?? 0)).path(language: language), csrf: session.csrfToken,
                button: words("Phân công", "Assign"),
                select: (
                    "counter", words("Quầy cho \(entry.officer.name)", "Counter for \(entry.officer.name)"),
                    counters.compactMap { counter in
                        counter.id.map { Components.Option(value: "\($0)", label: counter.name, selected: $0 == entry.counterId) }
                    }
                ))
            return [.text(entry.officer.code), .text(entry.officer.name), .textAndForm(entry.counterId.flatMap { names[$0] } ?? "-", assign)]
        }
        list = StructureList(
            heading: words("Cán bộ - \(unit.name)", "Officers - \(unit.name)"),
            chooser: UnitChooser(screen: .officers, units: units, current: unit, language: language), notice: notice?.text(in: language),
            error: error?.text(in: language), caption: words("Cán bộ", "Officers"),
            columns: [words("Mã", "Code"), words("Họ và tên", "Name"), words("Đang phục vụ tại quầy", "Serving at")], rows: rows,
            form: StructureList.AddForm(
                title: words("Thêm cán bộ", "Add an officer"), action: SiteURL.officers.path(language: language, ["unit": unit.code]),
                csrf: session.csrfToken,
                fields: [.text("code", words("Mã cán bộ", "Code"), input: input), .text("name", words("Họ và tên", "Full name"), input: input)],
                button: words("Thêm", "Add")))
    }

    func body(_ html: inout HTML) { list.write(into: &html) }
}

/// The units an account manages and the form each uses; administrators also add units.
struct UnitsPage: Page {
    let chrome: PageChrome
    let list: StructureList

    init(
        session: StaffSession, units: [Storage.Unit], formIds: [String], language: Language, input: [String: String] = [:],
        notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Đơn vị", en: "Units"), staff: session) { SiteURL.units.path(language: $0) }
        let rows: [[Cell]] = units.map { unit in
            let choose = InlineForm(
                action: SiteURL.unitForm(.value(unit.id ?? 0)).path(language: language), csrf: session.csrfToken,
                button: words("Dùng phiếu này", "Use this form"),
                select: ("form", words("Phiếu cho \(unit.name)", "Form for \(unit.name)"), formIds.map { Components.Option(value: $0, label: $0, selected: $0 == unit.formId) }))
            return [.text(unit.code), .text(unit.name), .text(unit.centreName), .form(choose)]
        }
        let form = StructureList.AddForm(
            title: words("Thêm đơn vị", "Add a unit"), action: SiteURL.units.path(language: language), csrf: session.csrfToken,
            fields: [
                .text("code", words("Mã đơn vị", "Code"), input: input), .text("name", words("Tên đơn vị", "Name"), input: input),
                .text("nameEn", words("Tên tiếng Anh", "English name"), input: input, required: false),
                .text("centre", words("Tên Trung tâm Phục vụ hành chính công", "Service centre name"), input: input, required: false),
                .select("form", words("Phiếu khảo sát", "Survey form"), formIds.map { ($0, $0) }, input: input),
            ], button: words("Thêm", "Add"))
        list = StructureList(
            heading: words("Đơn vị", "Units"), notice: notice?.text(in: language), error: error?.text(in: language), caption: words("Đơn vị", "Units"),
            columns: [words("Mã", "Code"), words("Tên", "Name"), words("Trung tâm", "Centre"), words("Phiếu đang dùng", "Form in use")], rows: rows,
            form: session.mayGlobally(.manageUnits) ? form : nil)
    }

    func body(_ html: inout HTML) { list.write(into: &html) }
}

/// The sectors (lĩnh vực) procedures and tickets belong to.
struct SectorsPage: Page {
    let chrome: PageChrome
    let list: StructureList

    init(session: StaffSession, sectors: [Sector], language: Language, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Lĩnh vực", en: "Sectors"), staff: session) { SiteURL.sectors.path(language: $0) }
        list = StructureList(
            heading: words("Lĩnh vực", "Sectors"), notice: notice?.text(in: language), error: error?.text(in: language), caption: words("Lĩnh vực", "Sectors"),
            columns: [words("Mã", "Code"), words("Tên", "Name"), words("Tên tiếng Anh", "English")],
            rows: sectors.map { [.text($0.code), .text($0.name), .text($0.nameEn)] },
            form: StructureList.AddForm(
                title: words("Thêm lĩnh vực", "Add a sector"), action: SiteURL.sectors.path(language: language), csrf: session.csrfToken,
                fields: [
                    .text("code", words("Mã lĩnh vực", "Code"), input: input), .text("name", words("Tên", "Name"), input: input),
                    .text("nameEn", words("Tên tiếng Anh", "English name"), input: input, required: false),
                ], button: words("Thêm", "Add")))
    }

    func body(_ html: inout HTML) { list.write(into: &html) }
}

/// The administrative procedures (by their national database code) and their sectors.
struct ProceduresPage: Page {
    let chrome: PageChrome
    let list: StructureList

    init(
        session: StaffSession, procedures: [Procedure], sectors: [Sector], language: Language, input: [String: String] = [:],
        notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Thủ tục", en: "Procedures"), staff: session) {
            SiteURL.procedures.path(language: $0)
        }
        let sectorNames = Dictionary(uniqueKeysWithValues: sectors.compactMap { sector in sector.id.map { ($0, sector.name) } })
        list = StructureList(
            heading: words("Thủ tục hành chính", "Procedures"), notice: notice?.text(in: language), error: error?.text(in: language),
            caption: words("Thủ tục hành chính", "Procedures"), columns: [words("Mã", "Code"), words("Tên", "Name"), words("Lĩnh vực", "Sector")],
            rows: procedures.map { [.text($0.code), .text($0.name), .text($0.sectorId.flatMap { sectorNames[$0] } ?? "-")] },
            form: StructureList.AddForm(
                title: words("Thêm thủ tục", "Add a procedure"), action: SiteURL.procedures.path(language: language), csrf: session.csrfToken,
                fields: [
                    .text("code", words("Mã thủ tục (CSDL quốc gia)", "Code (national database)"), input: input),
                    .text("name", words("Tên thủ tục", "Name"), input: input),
                    .select("sector", words("Lĩnh vực", "Sector"), sectors.map { ($0.code, $0.name) }, input: input),
                ], button: words("Thêm", "Add")))
    }

    func body(_ html: inout HTML) { list.write(into: &html) }
}

/// The holiday calendar of one year, which deadlines are counted with; administrators edit it.
struct HolidaysPage: Page {
    let chrome: PageChrome
    let list: StructureList
    let years: [(year: Int, href: String, current: Bool)]
    let yearsLabel: String

    init(
        session: StaffSession, calendars: [HolidayCalendar], year: Int, language: Language, input: [String: String] = [:],
        notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Lịch nghỉ lễ", en: "Holiday calendar"), staff: session) {
            SiteURL.holidays.path(language: $0, ["year": String(year)])
        }
        let editable = session.mayGlobally(.editHolidayCalendar)
        let weekdays =
            language == .vi ? ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let days = calendars.first { $0.year == year }?.days.sorted { $0.date < $1.date } ?? []
        let rows: [[Cell]] = days.map { day in
            let remove = InlineForm(action: SiteURL.holidayRemove(.value(day.date)).path(language: language), csrf: session.csrfToken, button: words("Xóa", "Remove"))
            return [
                .text(day.date.vietnamese), .text(weekdays[day.date.weekday]),
                .text(day.kind == .holiday ? words("Nghỉ", "Day off") : words("Làm bù", "Make-up working day")),
                .textAndForm(day.name.text(in: language) + (day.tentative ? words(" (dự kiến)", " (tentative)") : ""), editable ? remove : nil),
            ]
        }
        years = calendars.map { ($0.year, SiteURL.holidays.path(language: language, ["year": String($0.year)]), $0.year == year) }
        let onFile = calendars.map { String($0.year) }.joined(separator: ", ")
        yearsLabel = words("Xem năm:", "Show year:")
        let form = StructureList.AddForm(
            title: words("Thêm ngày", "Add a day"), action: SiteURL.holidays.path(language: language), csrf: session.csrfToken,
            fields: [
                .date("date", words("Ngày", "Date"), input: input),
                .select("kind", words("Loại", "Kind"), [("holiday", words("Ngày nghỉ", "Day off")), ("makeUpWorkingDay", words("Ngày làm bù", "Make-up working day"))], input: input),
                .text("nameVi", words("Tên", "Name (Vietnamese)"), input: input),
                .text("nameEn", words("Tên tiếng Anh", "Name (English)"), input: input, required: false),
                .select("tentative", words("Dự kiến (chưa có quyết định chính thức)", "Tentative (not yet decided)"), [("no", words("Không", "No")), ("yes", words("Có", "Yes"))], input: input),
            ], button: words("Thêm", "Add"))
        list = StructureList(
            heading: words("Lịch nghỉ lễ năm \(year) (có lịch: \(onFile))", "Holiday calendar \(year) (years on file: \(onFile))"), notice: notice?.text(in: language), error: error?.text(in: language),
            caption: words("Ngày nghỉ và ngày làm bù năm \(year)", "Days off and make-up working days \(year)"),
            columns: [words("Ngày", "Date"), words("Thứ", "Weekday"), words("Loại", "Kind"), words("Tên", "Name")], rows: rows, form: editable ? form : nil)
    }

    func body(_ html: inout HTML) {
        list.write(into: &html)
        html.open("nav", .class("years"), .attr("aria-label", yearsLabel))
        html.text(yearsLabel)
        for entry in years {
            html.raw(" ")
            if entry.current {
                html.element("strong", .fixed("aria-current", "page"), text: String(entry.year))
            } else {
                html.element("a", .href(entry.href), text: String(entry.year))
            }
        }
        html.close("nav")
    }
}
