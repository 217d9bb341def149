import Domain
import Foundation
import Testing

@Suite("Kiosk rules")
struct KioskRuleTests {
    @Test func aPairingCodeIsReadAsTypedAndNeverGuessed() {
        let code = PairingCode.generate()
        #expect(code.symbols.count == 8)
        #expect(code.description.count == 9 && code.description.dropFirst(4).first == "-")
        #expect(PairingCode(normalizing: code.description.lowercased()) == code)
        #expect(PairingCode(normalizing: " k7pm 3qxd ")?.description == "K7PM-3QXD")
        // 0/O and 1/I/L are not in the alphabet: no guess which was meant.
        #expect(PairingCode(normalizing: "K7PM-3QX0") == nil)
        #expect(PairingCode(normalizing: "K7PM-3QXL") == nil)
        #expect(PairingCode(normalizing: "K7PM-3QX") == nil)
        #expect(PairingCode(normalizing: "K7PM-3QXDD") == nil)
    }

    @Test func anIdleTapCountsOutsideTheIntervalByWhenItWasMade() {
        let timing = KioskTapTiming()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(timing.minimumInterval == 20)
        #expect(timing.counts(tapTime: now, lastCounted: nil))
        #expect(!timing.counts(tapTime: now, lastCounted: now.addingTimeInterval(-19.9)))
        #expect(timing.counts(tapTime: now, lastCounted: now.addingTimeInterval(-20)))
        // A resent older tap is judged against the later one too.
        #expect(!timing.counts(tapTime: now, lastCounted: now.addingTimeInterval(10)))
        // The tablet's age is trusted only within [0, a week].
        #expect(timing.tapTime(now: now, ageMilliseconds: 30_000) == now.addingTimeInterval(-30))
        #expect(timing.tapTime(now: now, ageMilliseconds: -5_000) == now)
        #expect(timing.tapTime(now: now, ageMilliseconds: nil) == now)
        #expect(timing.tapTime(now: now, ageMilliseconds: 30 * 86_400_000) == now.addingTimeInterval(-7 * 86_400))
    }

    /// The last counted time comes back from the database rounded to the millisecond: a tap
    /// exactly 20 s after the one before counted or not by the sub-millisecond part of the
    /// clock (a flaky test under load found it).
    @Test func aTapExactlyTheIntervalAfterCountsWhateverTheStoredRounding() {
        let timing = KioskTapTiming()
        let made = Date(timeIntervalSince1970: 1_795_000_000.123_6)
        let storedRounded = Date(timeIntervalSince1970: 1_795_000_000.124)
        #expect(timing.counts(tapTime: made.addingTimeInterval(20), lastCounted: storedRounded))
        #expect(!timing.counts(tapTime: made.addingTimeInterval(19.99), lastCounted: storedRounded))
    }

    @Test func theTabletAsksOneQuestionPerFactorInTheOrderOfQD2640() throws {
        let form = try loadRealForm()
        #expect(form.kioskFactorQuestions.map(\.id) == ["access-1", "procedure-1", "officer-1", "result-1", "feedback-1"])
    }
}
