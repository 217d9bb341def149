import Foundation
import Synchronization

/// Limits on ratings through a counter's permanent poster, which, unlike a ticket, anyone can
/// use again and again. Per device (a cookie) a minimum interval between two ratings of the
/// same counter; per client address a ceiling per window, generous because a centre's
/// citizens may share its Wi-Fi. A refusal is answered and counted, never dropped silently.
/// The configurable poster limits.
public struct PosterLimits: Sendable {
    /// One device rates one counter's poster at most once in this interval.
    public var deviceInterval: TimeInterval = 10 * 60
    /// One address rates one counter's poster at most this often per window.
    public var perAddress = 60
    public var addressWindow: TimeInterval = 10 * 60

    public init(deviceInterval: TimeInterval = 10 * 60, perAddress: Int = 60, addressWindow: TimeInterval = 10 * 60) {
        self.deviceInterval = deviceInterval
        self.perAddress = perAddress
        self.addressWindow = addressWindow
    }
}

final class PosterLimiter: Sendable {
    typealias Limits = PosterLimits

    enum Refusal: Error, Equatable {
        case deviceTooSoon(minutes: Int)
        case addressBusy
    }

    let limits: Limits
    private let state = Mutex<State>(State())

    private struct State {
        var devices: [String: Date] = [:]
        var addresses: [String: [Date]] = [:]
    }

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Admits a poster rating of `counterId` now and remembers it, or says why not.
    func admit(counterId: Int64, device: String?, address: String, now: Date) throws(Refusal) {
        let result: Refusal? = state.withLock { state in
            if state.devices.count + state.addresses.count > 100_000 { state = State() }
            let deviceKey = device.map { "\(counterId)|\($0)" }
            if let deviceKey, let last = state.devices[deviceKey], now.timeIntervalSince(last) < limits.deviceInterval {
                return .deviceTooSoon(minutes: max(1, Int((limits.deviceInterval - now.timeIntervalSince(last)) / 60 + 0.5)))
            }
            let addressKey = "\(counterId)|\(address)"
            let recent = (state.addresses[addressKey] ?? []).filter { now.timeIntervalSince($0) < limits.addressWindow }
            guard recent.count < limits.perAddress else {
                state.addresses[addressKey] = recent
                return .addressBusy
            }
            state.addresses[addressKey] = recent + [now]
            if let deviceKey { state.devices[deviceKey] = now }
            return nil
        }
        if let result { throw result }
    }
}

extension AppError {
    init(posterRefusal: PosterLimiter.Refusal) {
        switch posterRefusal {
        case .deviceTooSoon(let minutes):
            self = AppError(
                .tooManyRequests, "poster_too_soon",
                vi: "Ông/Bà vừa đánh giá tại quầy này. Mỗi lượt giao dịch chỉ đánh giá một lần; vui lòng thử lại sau khoảng \(minutes) phút.",
                en: "You have just rated this counter. One rating per visit; please try again in about \(minutes) minutes.")
        case .addressBusy:
            self = AppError(
                .tooManyRequests, "poster_busy",
                vi: "Có quá nhiều lượt đánh giá từ cùng một mạng trong thời gian ngắn. Vui lòng thử lại sau ít phút.",
                en: "Too many ratings from the same network in a short time. Please try again in a few minutes.")
        }
    }
}
