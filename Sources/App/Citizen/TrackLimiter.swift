import Foundation
import Synchronization

/// Look-ups of tracking codes per client address: a code is unguessable (59 random bits), and
/// a ceiling per window keeps it that way against someone trying codes by the thousand. The
/// ceiling is generous, since a centre's citizens may share its Wi-Fi.
final class TrackLimiter: Sendable {
    let perAddress: Int
    let window: TimeInterval
    private let lookups = Mutex<[String: [Date]]>([:])

    /// What an address over its ceiling is told, on every page that counts against it.
    static let refusal = AppError(
        .tooManyRequests, "too_many_lookups", vi: "Tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.",
        en: "Too many look-ups. Please try again in a few minutes.")

    init(perAddress: Int = 60, window: TimeInterval = 10 * 60) {
        self.perAddress = perAddress
        self.window = window
    }

    /// Counts a look-up now; false when the address is over its ceiling.
    func admit(address: String, now: Date) -> Bool {
        lookups.withLock { lookups in
            if lookups.count > 50_000 {
                lookups = lookups.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            }
            var recent = (lookups[address] ?? []).filter { now.timeIntervalSince($0) < window }
            guard recent.count < perAddress else {
                lookups[address] = recent
                return false
            }
            recent.append(now)
            lookups[address] = recent
            return true
        }
    }
}
