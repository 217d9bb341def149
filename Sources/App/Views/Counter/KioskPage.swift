import Domain
import Storage

/// The rating tablet at a counter (issue 12), facing citizens: the centre and the counter, the
/// overall question with big labelled faces and "no opinion", optionally one factor question
/// per screen, then thanks. Both languages at once, Vietnamese first and larger: the tablet
/// serves whoever stands at the desk.
///
/// Every screen is in the page; kiosk.js shows one at a time, follows the counter's ticket by
/// Server-Sent Events and keeps taps on the tablet until the server has them. Without script
/// each face is a plain form post, one screen per page, and the idle page reloads itself to
/// follow new tickets.
struct KioskPage: Page {
    enum Screen: Sendable, Equatable {
        case rate
        /// A factor question, without script (with script, every factor screen is in the page).
        case factor(Int)
        case thanks
    }

    struct Choice: Sendable {
        let level: Int
        let face: KioskFace
        let vi: String
        let en: String
    }

    struct Question: Sendable {
        let id: String
        let vi: String
        let en: String
        let choices: [Choice]

        init(_ question: FormDefinition.Question) {
            let scale = question.scale ?? .quick3
            id = question.id
            vi = question.text.vi
            en = question.text.en
            // Best first, as on the citizen's rating page.
            choices = (1...scale.maxLevel).reversed().map { level in
                let label = scale.label(of: level)
                return Choice(level: level, face: KioskFace(level: level, scale: scale), vi: label.vi, en: label.en)
            }
        }
    }

    let chrome: PageChrome
    let centre: String
    let counter: String
    let counterEn: String?
    let screen: Screen
    let overall: Question
    let factors: [Question]
    let ticket: String?
    let procedure: String?
    let procedureEn: String?
    /// The tap's key: a fresh one for the rate screen's form, the tapped one on factor screens.
    let key: String
    /// Factor answers given so far on earlier screens (without script), carried in the form.
    let carried: [(id: String, level: Int)]
    let error: LocalizedText?
    let intervalSeconds: Int

    init(
        context: KioskContext, form: FormDefinition, overall: FormDefinition.Question, screen: Screen, ticket: KioskTicket?, key: String,
        carried: [(id: String, level: Int)] = [], error: LocalizedText? = nil, timing: KioskTapTiming
    ) {
        let unit = context.unit
        let factors = context.device.askFactors ? form.kioskFactorQuestions.map(Question.init) : []
        // A factor screen the device does not ask (or past the last) is the end: thanks.
        let shown: Screen
        if case .factor(let index) = screen, index >= factors.count { shown = .thanks } else { shown = screen }
        let refresh: PageChrome.Refresh? =
            switch shown {
            // New tickets without script: a look every 15 s (a tap posts at once, whatever the timer).
            case .rate: PageChrome.Refresh(seconds: 15, url: SiteURL.kiosk.path, withoutScriptOnly: true)
            case .thanks: PageChrome.Refresh(seconds: 5, url: SiteURL.kiosk.path, withoutScriptOnly: true)
            case .factor: nil
            }
        chrome = PageChrome(
            language: .vi, title: LocalizedText(vi: "Đánh giá tại quầy", en: "Rate us at the counter"), audience: .kiosk, scripts: ["kiosk.js"],
            styles: ["kiosk.css"], refresh: refresh
        ) { _ in SiteURL.kiosk.path }
        centre = unit.centreName.isEmpty ? unit.name : unit.centreName
        counter = context.counter.name
        counterEn = context.counter.nameEn.isEmpty || context.counter.nameEn == context.counter.name ? nil : context.counter.nameEn
        self.overall = Question(overall)
        self.factors = factors
        self.screen = shown
        self.ticket = ticket?.token
        procedure = ticket?.procedure?.vi
        procedureEn = ticket?.procedure.map { $0.en.isEmpty ? $0.vi : $0.en }
        self.key = key
        self.carried = carried
        self.error = error
        intervalSeconds = Int(timing.minimumInterval.rounded())
    }

    func body(_ html: inout HTML) {
        html.open("header", .class("kh"))
        html.open("div")
        html.element("p", .class("centre"), text: centre)
        html.open("p", .class("kc"))
        html.text(counter)
        if let counterEn { html.element("span", .class("en"), .fixed("lang", "en"), text: counterEn) }
        html.close("p")
        html.close("div")
        html.element("button", .id("fs"), .class("kfs"), .type("button"), .flag("hidden"), text: "Toàn màn hình · Full screen")
        html.close("header")
        if let error {
            html.open("p", .class("err"), .fixed("role", "alert"))
            html.text(error.vi)
            html.element("span", .class("en"), .fixed("lang", "en"), text: error.en)
            html.close("p")
        }
        writeRate(into: &html)
        for (index, question) in factors.enumerated() {
            writeFactor(question, index: index, into: &html)
        }
        writeThanks(into: &html)
        html.element(
            "div", .id("k"), .flag("hidden"), .attr("data-taps", SiteURL.kioskTaps.path), .attr("data-details", SiteURL.kioskDetails.path),
            .attr("data-events", SiteURL.kioskEvents.path), .attr("data-state", SiteURL.kioskState.path), .attr("data-ticket", ticket),
            .attr("data-interval", intervalSeconds), text: "")
    }

    private func writeRate(into html: inout HTML) {
        html.open("section", .id("k-rate"), .class("ks"), .fixed("aria-labelledby", "k-rate-q"), .flag("hidden", screen != .rate))
        html.open("p", .id("k-idle"), .class("kt"), .flag("hidden", ticket != nil))
        html.text("Mời Ông/Bà đánh giá chất lượng phục vụ tại quầy")
        html.element("span", .class("en"), .fixed("lang", "en"), text: "Please rate our service at this counter")
        html.close("p")
        html.open("p", .id("k-tx"), .class("kt kx"), .flag("hidden", ticket == nil))
        html.text("Mời Ông/Bà đánh giá giao dịch vừa xong")
        html.element("span", .class("en"), .fixed("lang", "en"), text: "Please rate the service you have just received")
        html.element("strong", .id("k-proc"), .flag("hidden", procedure == nil), text: procedure.map { "\($0) · \(procedureEn ?? $0)" } ?? "")
        html.close("p")
        html.open("h1", .id("k-rate-q"))
        html.text(overall.vi)
        html.element("span", .class("en"), .fixed("lang", "en"), text: overall.en)
        html.close("h1")
        html.open("form", .fixed("method", "post"), .attr("action", SiteURL.kioskTaps.path), .class("faces n\(overall.choices.count)"))
        html.void("input", .type("hidden"), .name(CitizenForm.keyField), .value(key))
        html.void("input", .type("hidden"), .id("k-ticket"), .name("ticket"), .value(ticket ?? ""))
        writeChoices(overall, into: &html)
        html.close("form")
        html.open("p", .class("note"))
        html.text("Ẩn danh: không ghi họ tên, không chụp ảnh.")
        html.element("span", .fixed("lang", "en"), text: " Anonymous: no name, no photo.")
        html.close("p")
        html.close("section")
    }

    private func writeFactor(_ question: Question, index: Int, into html: inout HTML) {
        let visible = screen == .factor(index)
        html.open(
            "section", .id("k-f\(index)"), .class("ks kf"), .attr("data-q", question.id), .attr("aria-labelledby", "k-f\(index)-q"),
            .flag("hidden", !visible))
        html.open("p", .class("kt"))
        html.text("Câu hỏi thêm \(index + 1)/\(factors.count) - không bắt buộc")
        html.element("span", .class("en"), .fixed("lang", "en"), text: "Optional question \(index + 1) of \(factors.count)")
        html.close("p")
        html.open("h1", .id("k-f\(index)-q"))
        html.text(question.vi)
        html.element("span", .class("en"), .fixed("lang", "en"), text: question.en)
        html.close("h1")
        html.open("form", .fixed("method", "post"), .attr("action", SiteURL.kioskDetails.path), .class("faces n\(question.choices.count)"))
        html.void("input", .type("hidden"), .name(CitizenForm.keyField), .value(key))
        html.void("input", .type("hidden"), .name("step"), .value(String(index)))
        // Only the page a script-less tablet shows carries the earlier answers.
        if visible {
            for answer in carried { html.void("input", .type("hidden"), .name(answer.id), .value(String(answer.level))) }
        }
        writeChoices(question, finish: true, into: &html)
        html.close("form")
        html.close("section")
    }

    private func writeChoices(_ question: Question, finish: Bool = false, into html: inout HTML) {
        for choice in question.choices {
            html.open("button", .name(question.id), .attr("value", choice.level), .class(choice.face.cssClass))
            choice.face.write(into: &html)
            html.open("span", .class("ft"))
            html.element("span", .class("fv"), text: choice.vi)
            html.element("span", .class("fl"), .fixed("lang", "en"), text: choice.en)
            html.close("span")
            html.close("button")
        }
        html.open("div", .class("kno"))
        html.element("button", .name(question.id), .fixed("value", "0"), .class("b0"), text: "Không có ý kiến · No opinion")
        if finish { html.element("button", .name("finish"), .fixed("value", "1"), .class("b0 kend"), text: "Kết thúc · Finish") }
        html.close("div")
    }

    private func writeThanks(into html: inout HTML) {
        html.open("section", .id("k-thanks"), .class("ks kthx"), .fixed("role", "status"), .flag("hidden", screen != .thanks))
        html.open("h1", .class("kbig"))
        html.text("Xin cảm ơn Ông/Bà!")
        html.element("span", .class("en"), .fixed("lang", "en"), text: "Thank you!")
        html.close("h1")
        html.open("p")
        html.text("Đánh giá của Ông/Bà đã được ghi nhận.")
        html.element("span", .class("en"), .fixed("lang", "en"), text: "Your rating has been recorded.")
        html.close("p")
        html.element("a", .href(SiteURL.kiosk.path), .class("btn-link"), text: "Về màn hình đánh giá · Back")
        html.close("section")
    }
}
