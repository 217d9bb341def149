import Crypto
import Domain
import Foundation

/// The tamper-evident history of a feedback item: each event's hash is SHA-256 over a
/// canonical encoding of the event and the previous event's hash, so editing, deleting or
/// reordering any event breaks every hash after it.
///
/// The encoding is unambiguous by construction: every field is written as its length in
/// UTF-8 bytes, a colon, and its bytes (`-` for an absent field), in a fixed order, with a
/// version tag first. No JSON library's escaping choices can change a hash.
enum FeedbackChain {
    /// The previous hash of an item's first event.
    static let genesis = String(repeating: "0", count: 64)
    static let version = "hl-feedback-v1"

    struct Fields {
        var code: String
        var seq: Int
        var at: String
        var actor: String
        var action: String
        var fromState: String?
        var toState: String
        var note: String?
        var data: String
        var dueOn: String?
        var prevHash: String
    }

    static func hash(_ fields: Fields) -> String {
        var text = version
        for value in [
            fields.code, String(fields.seq), fields.at, fields.actor, fields.action, fields.fromState, fields.toState, fields.note, fields.data,
            fields.dueOn, fields.prevHash,
        ] {
            if let value {
                text += "|\(value.utf8.count):" + value
            } else {
                text += "|-"
            }
        }
        return Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }

    /// A problem found when the chain is recomputed: which item and which event.
    struct Problem: Sendable, CustomStringConvertible {
        var code: String
        var seq: Int
        var reason: String

        var description: String { "feedback \(code): event \(seq): \(reason)" }
    }
}
