import Foundation

/// What a unit's webhook may be told about (product.md, `hailong webhook add --events`),
/// plus the test delivery the admin screen sends, which no one subscribes to.
public enum WebhookEvent: String, Sendable, CaseIterable, Codable {
    case feedbackReceived = "feedback.received"
    case feedbackDueSoon = "feedback.due_soon"
    case feedbackOverdue = "feedback.overdue"
    case feedbackResolved = "feedback.resolved"
    case ratingLow = "rating.low"
    /// "Gửi thử / Send test": delivered at once to one webhook, whatever it subscribes to.
    case test = "webhook.test"

    /// The events a webhook can subscribe to, in the order screens list them.
    public static let subscribable: [WebhookEvent] = [.feedbackReceived, .feedbackDueSoon, .feedbackOverdue, .feedbackResolved, .ratingLow]

    /// What the event means, for the admin screen.
    public var label: LocalizedText {
        switch self {
        case .feedbackReceived: LocalizedText(vi: "Nhận phản ánh mới", en: "Feedback received")
        case .feedbackDueSoon: LocalizedText(vi: "Phản ánh sắp đến hạn", en: "Feedback due soon")
        case .feedbackOverdue: LocalizedText(vi: "Phản ánh quá hạn", en: "Feedback overdue")
        case .feedbackResolved: LocalizedText(vi: "Phản ánh đã giải quyết", en: "Feedback resolved")
        case .ratingLow: LocalizedText(vi: "Đánh giá chưa hài lòng", en: "Low rating")
        case .test: LocalizedText(vi: "Gửi thử", en: "Test")
        }
    }

    /// Parses a comma-separated list (`feedback.received,rating.low`); throws naming the first
    /// unknown event. Duplicates are dropped, the result follows `subscribable`'s order.
    public static func parseList(_ text: String) throws(WebhookEventListError) -> [WebhookEvent] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var chosen = Set<WebhookEvent>()
        for name in names {
            guard let event = WebhookEvent(rawValue: name), event != .test else { throw .unknown(name) }
            chosen.insert(event)
        }
        guard !chosen.isEmpty else { throw .empty }
        return subscribable.filter(chosen.contains)
    }
}

/// Why a list of events was refused.
public enum WebhookEventListError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)
    case empty

    public var description: String {
        let known = WebhookEvent.subscribable.map(\.rawValue).joined(separator: ", ")
        return switch self {
        case .unknown(let name): "sự kiện không hợp lệ '\(name)'; chọn trong: \(known) (unknown event)"
        case .empty: "cần ít nhất một sự kiện trong: \(known) (at least one event)"
        }
    }
}
