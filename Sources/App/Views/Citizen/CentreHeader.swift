import Domain
import Storage

/// The centre and counter at the top of every citizen page, so a citizen always knows whose
/// page this is - on an error too.
struct CentreHeader: Sendable {
    let centre: String
    let counter: String?
    let procedure: String?

    init(centre: String, counter: String? = nil, procedure: String? = nil) {
        self.centre = centre
        self.counter = counter
        self.procedure = procedure
    }

    init(target: RatingTarget, language: Language) {
        centre = target.unit.centreName.isEmpty ? target.unit.name : target.unit.centreName
        counter = language == .en && !target.counter.nameEn.isEmpty ? target.counter.nameEn : target.counter.name
        procedure = target.procedure.map { language == .en && !$0.nameEn.isEmpty ? $0.nameEn : $0.name }
    }

    /// When no unit is known (a forged token): the service's own name.
    static let service = CentreHeader(centre: "HaiLong - Đánh giá sự hài lòng")

    func write(into html: inout HTML) {
        html.open("header", .class("org"))
        html.element("p", .class("centre"), text: centre)
        if counter != nil || procedure != nil {
            html.open("p", .class("counter"))
            if let counter { html.text(counter) }
            if let procedure {
                if counter != nil { html.void("br") }
                html.text(procedure)
            }
            html.close("p")
        }
        html.close("header")
    }
}
