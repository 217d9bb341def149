import Domain
import Foundation
import Storage

/// Records a tablet's taps as `RatingRecorder` records a citizen's page: inside the
/// recording transaction it takes the form of the counter's unit and checks the answers, and
/// it counts what was recorded or refused. Time is the server's (`clock`); the tablet's
/// reported age only spaces queued idle taps for the minimum interval.
struct KioskRecorder: Sendable {
    let database: AppDatabase
    let forms: FormRegistry
    let metrics: AppMetrics
    let timing: KioskTapTiming
    let detailsWindow: TimeInterval
    let rules: ScoringRules
    let clock: any WallClock

    /// Throws `AnswerProblem` for answers that do not fit the form, `RatingError` for a
    /// ticket already rated or too old, and `KioskError` for a device or ticket not this one's.
    func tap(device: KioskContext, key: String, ticket: String?, ageMilliseconds: Int?, answers raw: [String: RawAnswer]) async throws
        -> KioskTapOutcome
    {
        let now = clock.now
        let request = KioskTapRequest(
            deviceId: device.device.id ?? 0, key: key, ticketToken: ticket, tapTime: timing.tapTime(now: now, ageMilliseconds: ageMilliseconds),
            timing: timing, now: now, detailsWindow: detailsWindow)
        let outcome: KioskTapOutcome
        do {
            outcome = try await database.recordKioskTap(request) { [forms, rules] slot in
                guard let form = forms.current(id: slot.formId) else { throw AppError.internalError }
                let answers = try form.check(raw, stage: .rating)
                return forms.prepared(answers, of: form, rules: rules)
            }
        } catch let problem as AnswerProblem {
            metrics.refused(reason: problem.code)
            throw problem
        } catch let error as RatingError {
            metrics.refused(reason: "\(error)")
            throw error
        }
        switch outcome {
        case .recorded: metrics.ratingRecorded(channel: .kiosk)
        case .notCounted: metrics.refused(reason: "kiosk_interval")
        case .repeated: break
        }
        return outcome
    }

    /// The factor answers of a tap the tablet made, checked against its response's form.
    func details(device: KioskContext, key: String, answers raw: [String: RawAnswer]) async throws -> AppDatabase.KioskDetailsOutcome {
        do {
            return try await database.attachKioskDetails(deviceId: device.device.id ?? 0, key: key, now: clock.now) { [forms] formId, version in
                guard let form = forms.form(id: formId, version: version) else { throw AppError.internalError }
                let answers = try form.check(raw, stage: .details)
                return (forms.questionMeta(of: form), answers.levels)
            }
        } catch let problem as AnswerProblem {
            metrics.refused(reason: problem.code)
            throw problem
        }
    }
}
