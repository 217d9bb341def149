import Domain
import Foundation
import Storage

/// Records a first rating the same way for the citizen's page and the JSON API: inside the
/// recording transaction it takes the form of the token's unit, checks the answers against
/// it, applies the poster limits, and counts what was recorded or refused.
struct RatingRecorder: Sendable {
    let database: AppDatabase
    let forms: FormRegistry
    let posterLimiter: PosterLimiter
    let metrics: AppMetrics
    let detailsWindow: TimeInterval
    /// Decides which overall answers are "not satisfied", for the `rating.low` webhook.
    let rules: ScoringRules
    let clock: any WallClock

    /// Throws `AnswerProblem` for answers that do not fit the form, `RatingError` for a
    /// token that cannot be rated, and an `AppError` (429) for a poster over its limits.
    func record(
        token: String, key: String, channel: ResponseChannel, device: String?, address: String,
        answers raw: @escaping @Sendable (FormDefinition) throws -> [String: RawAnswer]
    ) async throws -> RecordOutcome {
        let outcome: RecordOutcome
        let now = clock.now
        do {
            outcome = try await database.recordResponse(
                token: token, submissionKey: key, channel: channel, now: now, detailsWindow: detailsWindow
            ) { [forms, posterLimiter, rules] slot in
                guard let form = forms.current(id: slot.formId) else { throw AppError.internalError }
                let answers = try form.check(try raw(form), stage: .rating)
                if slot.isPoster { try posterLimiter.admit(counterId: slot.counterId, device: device, address: address, now: now) }
                return forms.prepared(answers, of: form, rules: rules)
            }
        } catch let refusal as PosterLimiter.Refusal {
            metrics.refused(reason: "poster_limit")
            throw AppError(posterRefusal: refusal)
        } catch let problem as AnswerProblem {
            metrics.refused(reason: problem.code)
            throw problem
        } catch let error as RatingError {
            metrics.refused(reason: "\(error)")
            throw error
        }
        metrics.ratingRecorded(channel: channel)
        return outcome
    }
}
