import Domain
import Foundation
import Storage

/// The JSON of the feedback interfaces (product.md, "Feedback"). Due dates are `YYYY-MM-DD`
/// (the whole day counts); instants are ISO 8601 with +07:00.
enum FeedbackJSON {
    /// `POST /feedback` and `POST /api/v1/feedback` answer this (201).
    struct Created: Encodable {
        var code: String
        var trackUrl: String
        var kind: String
        var category: String
        var anonymous: Bool
        var state: String
        var receivedAt: String
        @ExplicitNull var dueAt: String?

        init(_ item: FeedbackItem, urls: PublicURLs) {
            code = item.code.description
            trackUrl = urls.absolute(.track(.value(item.code.description)))
            kind = item.kind.rawValue
            category = item.category.rawValue
            anonymous = item.isAnonymous
            state = item.state.rawValue
            receivedAt = LocalTime.iso8601(item.receivedAt)
            dueAt = item.dueOn?.description
        }
    }

    /// `GET /track/{code}`: the public status. Never contact data, attachments, staff names
    /// or internal notes.
    struct Track: Encodable {
        struct Step: Encodable {
            var at: String
            var state: String
        }

        var code: String
        var kind: String
        var state: String
        var receivedAt: String
        @ExplicitNull var dueAt: String?
        @ExplicitNull var resolvedAt: String?
        @ExplicitNull var onTime: Bool?
        @ExplicitNull var result: String?
        var events: [Step]

        init(_ item: FeedbackItem, events: [FeedbackEvent]) {
            code = item.code.description
            kind = item.kind.rawValue
            state = item.state.rawValue
            receivedAt = LocalTime.iso8601(item.receivedAt)
            dueAt = item.dueOn?.description
            resolvedAt = item.handledAt.map(LocalTime.iso8601)
            onTime = item.onTime
            result = item.result
            self.events = events.map { Step(at: LocalTime.iso8601($0.at), state: $0.toState.rawValue) }
        }
    }

    /// One row of `GET /api/v1/feedback`.
    struct ListItem: Encodable {
        var code: String
        var kind: String
        var category: String
        var channel: String
        var state: String
        var receivedAt: String
        @ExplicitNull var dueAt: String?
        var dueSoon: Bool
        var overdue: Bool
        @ExplicitNull var assignee: String?
        var anonymous: Bool

        init(_ item: FeedbackItem, standing: FeedbackStanding) {
            code = item.code.description
            kind = item.kind.rawValue
            category = item.category.rawValue
            channel = item.channel.rawValue
            state = item.state.rawValue
            receivedAt = LocalTime.iso8601(item.receivedAt)
            dueAt = item.dueOn?.description
            dueSoon = standing.dueSoon
            overdue = standing.overdue
            assignee = item.assignee
            anonymous = item.isAnonymous
        }
    }

    struct List: Encodable {
        var items: [ListItem]
    }

    struct Event: Encodable {
        var seq: Int
        var at: String
        var actor: String
        var action: String
        @ExplicitNull var from: String?
        var to: String
        @ExplicitNull var note: String?
        @ExplicitNull var dueAt: String?
        var hash: String
        /// Why and how, beside the states: reason, destination, assignment, result.
        var details: FeedbackEventDetails

        init(_ event: FeedbackEvent) {
            seq = event.seq
            at = LocalTime.iso8601(event.at)
            actor = event.actor
            action = event.action
            from = event.fromState?.rawValue
            to = event.toState.rawValue
            note = event.note
            dueAt = event.dueOn?.description
            hash = event.hash
            details = FeedbackEventDetails(recorded: event.data)
        }
    }

    struct Subject: Encodable {
        @ExplicitNull var counter: String?
        @ExplicitNull var officer: String?
        @ExplicitNull var officerText: String?
        @ExplicitNull var procedure: String?
        @ExplicitNull var dossier: String?
    }

    struct Extension: Encodable {
        var number: Int
        var on: String
        var reason: String
        var complexity: String
        var dueAt: String
    }

    struct Verification: Encodable {
        var outcome: String
        @ExplicitNull var on: String?
    }

    struct Contact: Encodable {
        @ExplicitNull var name: String?
        @ExplicitNull var address: String?
        @ExplicitNull var phone: String?
        @ExplicitNull var email: String?
    }

    /// `GET /api/v1/feedback/{code}`.
    struct Detail: Encodable {
        var code: String
        var unit: String
        var kind: String
        var category: String
        var channel: String
        var state: String
        var anonymous: Bool
        var description: String
        var subject: Subject
        var receivedAt: String
        @ExplicitNull var dueAt: String?
        var dueSoon: Bool
        var overdue: Bool
        @ExplicitNull var acceptedOn: String?
        @ExplicitNull var assignee: String?
        @ExplicitNull var task: String?
        @ExplicitNull var internalDueAt: String?
        @ExplicitNull var result: String?
        @ExplicitNull var resolvedAt: String?
        @ExplicitNull var onTime: Bool?
        var extensions: [Extension]
        @ExplicitNull var verification: Verification?
        var attachments: Int
        var rulesVersion: String
        var events: [Event]
        /// Only for staff who handle the item; never through an API key.
        var contact: Contact?

        init(_ item: FeedbackItem, events: [FeedbackEvent], standing: FeedbackStanding, contact: FeedbackContact?) {
            code = item.code.description
            unit = item.unitCode
            kind = item.kind.rawValue
            category = item.category.rawValue
            channel = item.channel.rawValue
            state = item.state.rawValue
            anonymous = item.isAnonymous
            description = item.description
            subject = Subject(
                counter: item.counterCode, officer: item.officerCode, officerText: item.officerText, procedure: item.procedureCode,
                dossier: item.dossier)
            receivedAt = LocalTime.iso8601(item.receivedAt)
            dueAt = item.dueOn?.description
            dueSoon = standing.dueSoon
            overdue = standing.overdue
            acceptedOn = item.acceptedOn?.description
            assignee = item.assignee
            task = item.task
            internalDueAt = item.internalDueOn?.description
            result = item.result
            resolvedAt = item.handledAt.map(LocalTime.iso8601)
            onTime = item.onTime
            extensions = FeedbackStanding.extensions(events).map {
                Extension(number: $0.number, on: $0.on.description, reason: $0.reason, complexity: $0.complexity.rawValue, dueAt: $0.due.description)
            }
            verification = item.verification.map { Verification(outcome: $0.rawValue, on: item.verifiedOn?.description) }
            attachments = item.attachmentCount
            rulesVersion = item.rulesVersion
            self.events = events.map(Event.init)
            self.contact = contact.map { Contact(name: $0.name, address: $0.address, phone: $0.phone, email: $0.email) }
        }
    }

    /// `POST /api/v1/feedback/{code}/actions` answers this (200).
    struct ActionDone: Encodable {
        var code: String
        var state: String
        @ExplicitNull var dueAt: String?
        var event: Event
    }
}

/// Where an open item stands against its due date today (domain.md §3): due soon at most
/// `dueSoonWorkingDays` working days before, overdue the day after.
struct FeedbackStanding: Sendable {
    var dueSoon: Bool
    var overdue: Bool

    init(_ item: FeedbackItem, today: LocalDate, calendar: WorkingCalendar, limits: FeedbackLimits) {
        self.init(due: item.isOpen ? item.dueOn : nil, today: today, calendar: calendar, limits: limits)
    }

    /// An open item's standing from its due date alone (nil: outside the clock).
    init(due: LocalDate?, today: LocalDate, calendar: WorkingCalendar, limits: FeedbackLimits) {
        guard let due else {
            dueSoon = false
            overdue = false
            return
        }
        overdue = today > due
        dueSoon = !overdue && ((try? Deadline.isDueSoon(today: today, due: due, calendar: calendar, threshold: limits.dueSoonWorkingDays)) ?? false)
    }

    /// The extensions granted, from the history.
    static func extensions(_ events: [FeedbackEvent]) -> [FeedbackExtension] {
        AppDatabase.clockEvents(events).compactMap {
            if case .extended(let granted) = $0 { return granted }
            return nil
        }
    }
}
