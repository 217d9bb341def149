import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

/// Issue 6's defects on citizens' pages, each proven over HTTP.
@Suite("Citizen pages after the restructure")
struct CitizenPageTests {
    /// The stylesheets a page links to, as paths.
    static func stylesheets(_ html: String) -> [String] {
        html.components(separatedBy: #"<link rel="stylesheet" href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The declarations of every CSS rule whose selector list names `selector` as a whole
    /// class (`.hp`, not `.hpx`).
    static func rules(_ css: String, naming selector: String) -> [String] {
        var found: [String] = []
        for block in css.components(separatedBy: "}") {
            let parts = block.components(separatedBy: "{")
            guard parts.count == 2 else { continue }
            let selectors = parts[0].components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if selectors.contains(where: { $0 == selector || $0.hasSuffix(" " + selector) || $0.hasSuffix(">" + selector) }) {
                found.append(parts[1])
            }
        }
        return found
    }

    /// The language link in a page's footer, unescaped as a browser would follow it.
    static func languageLink(_ html: String) throws -> String {
        let footer = try #require(html.range(of: "<footer"))
        let href = try #require(String(html[footer.lowerBound...]).attribute("href", after: "<a"))
        return href.replacingOccurrences(of: "&amp;", with: "&")
    }

    // MARK: 2. the honeypot

    @Test func theHoneypotIsHiddenByTheStylesheetCitizenPagesLoad() async throws {
        let server = try await TestServer()
        let poster = try server.posterToken()
        try await server.test { client in
            let page = try await client.get(SiteURL.rating(.value(poster)).path)
            #expect(page.status == .ok)
            let sheets = Self.stylesheets(page.text)
            #expect(sheets.count == 1, "citizens load one stylesheet: \(sheets)")
            #expect(!page.text.contains("staff."), "staff.css is not loaded")
            let site = try #require(sheets.first)
            #expect(site.hasPrefix("/static/site.") && site.hasSuffix(".css"))
            // The honeypot field sits inside an element of class hp ...
            let box = try #require(page.text.between(#"<div class="hp""#, "</div>"))
            #expect(box.contains(#"name="website""#))
            #expect(box.contains(#"tabindex="-1""#))
            // ... and that stylesheet has a rule that takes .hp off screen.
            let css = try await client.get(site)
            #expect(css.status == .ok)
            let hiding = Self.rules(css.text, naming: ".hp")
            #expect(!hiding.isEmpty, "site.css has no rule for .hp")
            #expect(
                hiding.contains { ($0.contains("position:absolute") && $0.contains("clip:") && $0.contains("width:1px")) || $0.contains("display:none") },
                "\(hiding)")
        }
    }

    // MARK: 3. the language link keeps the key

    @Test func theLanguageLinkOfTheDetailsAndThanksPagesKeepsTheKey() async throws {
        let server = try await TestServer()
        let poster = try server.posterToken()
        try await server.test { client in
            for token in [try await client.issueTicket(key: server.apiKey), poster] {
                let url = SiteURL.rating(.value(token))
                let key = try #require(try await client.get(url.path).submissionKey)
                let details = try await client.submitForm(url.path, "_k=\(key)&overall=3")
                #expect(details.status == .ok)
                let link = try Self.languageLink(details.text)
                #expect(link == url.path(language: .en, ["k": key]))
                #expect(link.hasSuffix("?k=\(key)&lang=en"))

                let english = try await client.get(link)
                #expect(english.status == .ok, "not 410")
                #expect(english.text.contains(#"<html lang="en">"#))
                #expect(english.text.contains("You may tell us more"), "the same details page")
                #expect(!english.text.contains(#"name="overall""#), "not the rating question again")
                #expect(english.submissionKey == key)
                // Back to Vietnamese from the English page.
                #expect(try Self.languageLink(english.text) == url.path(["k": key]))

                let thanks = try await client.submitForm(url.path, "_k=\(key)&access-1=4")
                #expect(thanks.text.contains("Ý kiến chi tiết của Ông/Bà đã được ghi nhận"))
                let thanksLink = try Self.languageLink(thanks.text)
                #expect(thanksLink == url.path(language: .en, ["k": key]))
                let englishThanks = try await client.get(thanksLink)
                #expect(englishThanks.status == .ok)
                #expect(englishThanks.text.contains("Your answers were added to your rating."))
                #expect(!englishThanks.text.contains(#"name="overall""#))
            }
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 2)
        }
    }

    // MARK: 4. back, then a different overall answer

    @Test func aSecondDifferentOverallAnswerIsToldTheFirstOneStands() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let url = SiteURL.rating(.value(token))
            let key = try #require(try await client.get(url.path).submissionKey)
            let first = try await client.postForm(url.path, "_k=\(key)&overall=3")
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == url.path(["k": key]))
            let firstPage = try await client.get(url.path(["k": key]))
            #expect(!firstPage.text.contains("đánh giá đầu tiên được giữ nguyên"))

            // Back, and another answer with the same page's key.
            let changed = try await client.postForm(url.path, "_k=\(key)&overall=1")
            #expect(changed.status == .seeOther)
            let location = try #require(changed.headers[.location])
            #expect(location == url.path(["k": key, "kept": "1"]))
            let notice = try await client.get(location)
            #expect(notice.status == .ok)
            #expect(notice.text.contains("đánh giá đầu tiên được giữ nguyên"))
            #expect(notice.text.contains(#"name="access-1""#), "still the details page")
            #expect(try await server.count("SELECT level FROM answers WHERE questionId = 'overall'") == 3)
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)

            // The same answer again (a double tap) says nothing of the kind.
            let same = try await client.postForm(url.path, "_k=\(key)&overall=3")
            #expect(same.headers[.location] == url.path(["k": key]))
            let samePage = try await client.get(try #require(same.headers[.location]))
            #expect(samePage.status == .ok)
            #expect(!samePage.text.contains("được giữ nguyên"))

            // In English too.
            let english = try await client.submitForm(url.path(language: .en), "_k=\(key)&overall=2")
            #expect(english.text.contains("your first answer stands"))
            #expect(try await server.count("SELECT level FROM answers WHERE questionId = 'overall'") == 3)
        }
    }

    // MARK: 5. citizens' error pages

    @Test func errorPagesLeadWithWhatHappenedUnderTheCentresHeader() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            #expect(try await client.submitForm(SiteURL.rating(.value(token)).path, "overall=3").status == .ok)

            let used = try await client.get(SiteURL.rating(.value(token)).path)
            #expect(used.status == .gone)
            let text = used.text
            let centre = try #require(text.range(of: "Trung tâm Phục vụ hành chính công Phường Tam Phước"))
            let heading = try #require(text.range(of: #"<h1 class="problem">Mã QR này đã được dùng để đánh giá."#))
            let advice = try #require(text.range(of: "vui lòng hỏi cán bộ để lấy mã mới"))
            let status = try #require(text.range(of: "Mã lỗi 410"))
            #expect(centre.lowerBound < heading.lowerBound, "under the centre's header")
            #expect(heading.lowerBound < advice.lowerBound && advice.lowerBound < status.lowerBound, "what happened, what to do, then the code")
            #expect(text.between("<main>", "<h1")?.contains("<header") == true, "the centre's header opens the page")
            #expect(!text.contains("<h1>410"), "no big status code heading")

            // Posting to the used ticket (back, then a tap) gets the same page.
            let posted = try await client.postForm(SiteURL.rating(.value(token)).path, "overall=1")
            #expect(posted.status == .gone)
            #expect(posted.text.contains("Trung tâm Phục vụ hành chính công Phường Tam Phước"), "the centre's header on a POST too")
            #expect(posted.text.contains(#"<h1 class="problem">Mã QR này đã được dùng để đánh giá."#))

            let forged = try await client.get(SiteURL.rating(.value("AAAAAAAAAAAAAAAA")).path)
            #expect(forged.status == .notFound)
            #expect(forged.text.contains(#"<p class="centre">HaiLong - Đánh giá sự hài lòng</p>"#), "the service's header")
            #expect(forged.text.contains(#"<h1 class="problem">Không tìm thấy mã đánh giá này.</h1>"#))
            #expect(forged.text.contains("hỏi cán bộ để lấy mã mới"))
            #expect(forged.text.contains("Mã lỗi 404"))
            let forgedPost = try await client.postForm(SiteURL.rating(.value("AAAAAAAAAAAAAAAA")).path, "overall=3")
            #expect(forgedPost.status == .notFound)
            #expect(forgedPost.text.contains(#"<p class="centre">HaiLong - Đánh giá sự hài lòng</p>"#))
            let english = try await client.get(SiteURL.rating(.value("AAAAAAAAAAAAAAAA")).path(language: .en))
            #expect(english.text.contains("This rating code does not exist.") && english.text.contains("Status 404"))

            // The API keeps its JSON errors.
            let apiErrors = [
                (try await client.postJSON(SiteURL.apiResponses.path, #"{"token":"\#(token)","answers":{"overall":3}}"#), "ticket_used"),
                (try await client.postJSON(SiteURL.apiTickets.path, #"{"counter":"q1"}"#), "unauthorized"),
                (try await client.get(SiteURL.apiForm(.value("khong-co")).path), "unknown_form"),
            ]
            for (response, code) in apiErrors {
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(code)")
                let body = try response.json()
                #expect(Set(body.keys) == ["error"])
                let error = try #require(body["error"] as? [String: Any])
                #expect(Set(error.keys) == ["code", "message", "messageEn"], "\(error.keys)")
                #expect(error["code"] as? String == code)
                #expect((error["message"] as? String)?.isEmpty == false && (error["messageEn"] as? String)?.isEmpty == false)
            }
        }
    }

    // MARK: 6. scale words per question, 44 px targets

    @Test func everyLikertQuestionCarriesItsScalesEndWordsUnderItsButtons() async throws {
        let server = try await TestServer()
        let form = try JSONDecoder().decode(
            FormDefinition.self, from: Data(contentsOf: TestServer.repoRoot.appendingPathComponent("Forms/sipas-counter.v1.json")))
        let likert = form.detailQuestions.filter { $0.type == .rating }
        #expect(likert.count == 14)
        try await server.test { client in
            for language in [Language.vi, .en] {
                let token = try await client.issueTicket(key: server.apiKey)
                let page = try await client.submitForm(SiteURL.rating(.value(token)).path(language: language), "overall=2")
                #expect(page.status == .ok)
                let fieldsets = page.text.components(separatedBy: #"<fieldset aria-describedby="e"#).dropFirst().map { $0.components(separatedBy: "</fieldset>")[0] }
                #expect(fieldsets.count == likert.count, "one group per question")
                for (number, (question, fieldset)) in zip(likert, fieldsets).enumerated() {
                    let scale = question.scale ?? .likert5
                    #expect(fieldset.contains(#"name="\#(question.id)""#))
                    let buttons = try #require(fieldset.range(of: #"<div class="scale">"#))
                    let ends = try #require(fieldset.range(of: #"<p class="ends" id="e\#(number + 1)">"#), "\(question.id) has no end words")
                    #expect(buttons.lowerBound < ends.lowerBound, "the words come right under the buttons")
                    #expect(fieldset.hasPrefix("\(number + 1)\">"), "the group is described by its own end words")
                    let words = try #require(fieldset.between(#"<p class="ends" id="e\#(number + 1)">"#, "</p>"))
                    #expect(words.contains("1 " + scale.label(of: 1).text(in: language)), "\(question.id): \(words)")
                    #expect(words.contains("\(scale.maxLevel) " + scale.label(of: scale.maxLevel).text(in: language)), "\(question.id): \(words)")
                }
                #expect(!page.text.contains(#"class="legend""#), "no single legend")
            }
            // Every scale button is at least 44 px tall.
            let css = try await client.get(SiteURL.asset(.value("site.css")).path)
            let spans = Self.rules(css.text, naming: ".scale label>span")
            #expect(spans.contains { $0.contains("min-height:44px") }, "\(spans)")
        }
    }

    // MARK: 14. the injectable clock

    @Test func aTicketExpiresWhenTheServersClockMovesPastItsLifetime() async throws {
        let server = try await TestServer()
        let unitId = try #require(server.demo.units[0].id)
        let ticket = try await server.database.issueTicket(TicketRequest(unitId: unitId, counter: "q1", lifetime: 60, now: server.clock.now))
        try await server.test { client in
            let url = SiteURL.rating(.value(ticket.token))
            let open = try await client.get(url.path)
            #expect(open.status == .ok)
            #expect(open.text.contains(#"name="overall""#), "rateable")
            server.clock.advance(by: 59)
            #expect(try await client.get(url.path).status == .ok, "still within its minute")
            server.clock.advance(by: 2)
            let expired = try await client.get(url.path)
            #expect(expired.status == .gone)
            #expect(expired.text.contains("Mã QR này đã hết hạn đánh giá."))
            let late = try await client.postForm(url.path, "overall=3")
            #expect(late.status == .gone)
            #expect(late.text.contains("Trung tâm Phục vụ hành chính công Phường Tam Phước"))
            #expect(try await server.writtenRows() == 0)
        }
    }
}
