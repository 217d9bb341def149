import Foundation
import Synchronization

/// Failed logins counted per account and per client address over a sliding window. Past the
/// limit a login is refused with 429 before bcrypt runs, which also keeps a password-guessing
/// client from burning the server's CPU. Successful logins clear the account's count.
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        var perAccount = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
    }

    private let failures = Mutex<[String: [Date]]>([:])
    let limits: Limits

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Whether a login for this account from this address may be tried now.
    func allows(account: String, address: String, now: Date = Date()) -> Bool {
        failures.withLock { failures in
            count(&failures, "u:" + account, now) < limits.perAccount && count(&failures, "a:" + address, now) < limits.perAddress
        }
    }

    func recordFailure(account: String, address: String, now: Date = Date()) {
        failures.withLock { failures in
            failures["u:" + account, default: []].append(now)
            failures["a:" + address, default: []].append(now)
            // Bound memory against a flood of made-up names.
            if failures.count > 50_000 { failures.removeAll() }
        }
    }

    func recordSuccess(account: String) {
        _ = failures.withLock { $0.removeValue(forKey: "u:" + account) }
    }

    private func count(_ failures: inout [String: [Date]], _ key: String, _ now: Date) -> Int {
        guard let times = failures[key] else { return 0 }
        let recent = times.filter { now.timeIntervalSince($0) < limits.window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent.count
    }
}
