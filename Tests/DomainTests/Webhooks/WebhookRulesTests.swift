import Domain
import Foundation
import Testing

@Suite("Webhook rules: events, retry times, low ratings, URLs")
struct WebhookRulesTests {
    @Test func anEventListIsParsedAndAnUnknownNameRefused() throws {
        #expect(try WebhookEvent.parseList("rating.low, feedback.received,rating.low") == [.feedbackReceived, .ratingLow])
        #expect(throws: WebhookEventListError.unknown("feedback.lost")) { try WebhookEvent.parseList("feedback.received,feedback.lost") }
        #expect(throws: WebhookEventListError.unknown("webhook.test"), "the test event is not subscribable") { try WebhookEvent.parseList("webhook.test") }
        #expect(throws: WebhookEventListError.empty) { try WebhookEvent.parseList(" , ") }
    }

    @Test func retriesDoubleFromThirtySecondsUpToAnHourWithinTwentyFourHours() {
        let policy = WebhookRetryPolicy.standard
        #expect((1...9).map { policy.delay(afterAttempts: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        let created = Date(timeIntervalSince1970: 1_000_000)
        #expect(policy.nextAttempt(afterAttempts: 1, at: created, createdAt: created) == created.addingTimeInterval(30))
        let late = created.addingTimeInterval(83_010)
        #expect(policy.nextAttempt(afterAttempts: 30, at: late, createdAt: created) == nil, "86,610 s would be past the 24 hours")
        #expect(policy.nextAttempt(afterAttempts: 30, at: created.addingTimeInterval(82_800), createdAt: created) == created.addingTimeInterval(86_400))
    }

    @Test func aLowRatingIsAValidAnswerOutsideTheSatisfiedLevels() {
        let rules = ScoringRules.default
        #expect((0...5).filter { rules.isDissatisfied(level: $0, on: .likert5) } == [1, 2, 3])
        #expect((0...3).filter { rules.isDissatisfied(level: $0, on: .quick3) } == [1])
    }

    @Test func onlyAbsoluteHTTPAndHTTPSURLsWithAHostAndNoPasswordAreTargets() {
        #expect(WebhookURL.check(" https://hotline.example.vn/hook?x=1 ")?.absoluteString == "https://hotline.example.vn/hook?x=1")
        #expect(WebhookURL.check("http://127.0.0.1:8081/h") != nil)
        for bad in ["ftp://x.vn/h", "https://", "/hook", "javascript:alert(1)", "https://user:pw@x.vn/h", ""] {
            #expect(WebhookURL.check(bad) == nil, "\(bad)")
        }
    }
}
