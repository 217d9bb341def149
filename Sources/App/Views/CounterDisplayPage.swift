import Domain
import Foundation
import Storage

/// The counter's tablet: the current single-use ticket's QR, large, and "next citizen".
struct CounterDisplayPage: PageModel {
    static let template = "display"
    let page: PageChrome
    let centre: String
    let counter: String
    let qr: String
    let nextAction: String
    let csrf: String
    let expires: String
    let statusURL: String

    init(unit: Storage.Unit, counter: Counter, ticket: Ticket, session: StaffSession) {
        page = PageChrome(language: .vi, title: LocalizedText(vi: counter.name, en: counter.nameEn), path: "/counter")
        centre = unit.centreName.isEmpty ? unit.name : unit.centreName
        self.counter = counter.name
        qr = "/qr/\(ticket.token).svg"
        nextAction = "/counter/next?counter=\(counter.id ?? 0)"
        csrf = session.csrfToken
        let time = LocalTime.iso8601(ticket.expiresAt)
        expires = String(time.dropFirst(11).prefix(5))
        statusURL = "/counter/status?token=\(ticket.token)"
    }
}
