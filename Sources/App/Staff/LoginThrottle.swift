import Foundation
import Synchronization

/// Failed sign-ins counted per account and per client address over a sliding window. Past
/// the limit a sign-in is refused with 429 before bcrypt runs, which also keeps a
/// password-guessing client from burning the server's CPU.
///
/// Admission and counting are one step under the lock: every admitted attempt counts as a
/// failure until it succeeds, so a burst of parallel guesses cannot all pass the check
/// before the first failure is recorded.
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        var perAccount = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
    }

    private let attempts = Mutex<[String: [Date]]>([:])
    let limits: Limits

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Admits an attempt for this account from this address and counts it, or refuses.
    func admit(account: String, address: String, now: Date) -> Bool {
        let addressKey = "a:" + Self.addressBucket(address)
        return attempts.withLock { attempts in
            if attempts.count > 50_000 { Self.prune(&attempts, now: now, window: limits.window) }
            guard recent(&attempts, "u:" + account, now) < limits.perAccount, recent(&attempts, addressKey, now) < limits.perAddress else {
                return false
            }
            attempts["u:" + account, default: []].append(now)
            attempts[addressKey, default: []].append(now)
            return true
        }
    }

    /// A correct password: the account starts afresh and this attempt leaves the address's count.
    func succeeded(account: String, address: String) {
        let addressKey = "a:" + Self.addressBucket(address)
        attempts.withLock { attempts in
            attempts.removeValue(forKey: "u:" + account)
            if var times = attempts[addressKey], !times.isEmpty {
                times.removeLast()
                attempts[addressKey] = times.isEmpty ? nil : times
            }
        }
    }

    /// IPv6 clients get a whole /64 each, so they are counted by /64, not by address.
    static func addressBucket(_ address: String) -> String {
        guard address.contains(":") else { return address }
        return address.split(separator: ":", omittingEmptySubsequences: false).prefix(4).joined(separator: ":") + "::/64"
    }

    private func recent(_ attempts: inout [String: [Date]], _ key: String, _ now: Date) -> Int {
        guard let times = attempts[key] else { return 0 }
        let recent = times.filter { now.timeIntervalSince($0) < limits.window }
        attempts[key] = recent.isEmpty ? nil : recent
        return recent.count
    }

    /// Drops what the window has forgotten anyway; never the counts still in force.
    private static func prune(_ attempts: inout [String: [Date]], now: Date, window: TimeInterval) {
        attempts = attempts.compactMapValues { times in
            let recent = times.filter { now.timeIntervalSince($0) < window }
            return recent.isEmpty ? nil : recent
        }
    }
}
