import Domain
import Testing

/// The figures of domain.md §2, checked against numbers worked out by hand.
@Suite("SatisfactionScore")
struct SatisfactionScoreTests {
    private func tally(
        _ id: String, _ scale: RatingScale, factor: Factor? = nil, overall: Bool = false, _ counts: [Int: Int]
    ) -> QuestionTally {
        QuestionTally(questionId: id, scale: scale, factor: factor, overall: overall, counts: counts)
    }

    @Test("quick3 overall: levels 2 and 3 are satisfied, level 1 is not")
    func quick3Overall() throws {
        // Setup: 2 x "Chưa hài lòng" (1), 3 x "Hài lòng" (2), 5 x "Rất hài lòng" (3).
        // By hand: satisfied = 3 + 5 = 8, n = 2 + 3 + 5 = 10, rate = 8/10 = 80 %.
        let tallies = [tally("overall", .quick3, overall: true, [1: 2, 2: 3, 3: 5])]

        // Action
        let score = SatisfactionScore(tallies: tallies)

        // Check
        #expect(score.overall == RateFigure(satisfied: 8, n: 10))
        #expect(score.overall.rate == 80)
        // The overall question is not a criterion and feeds no factor.
        #expect(score.criteria.isEmpty)
        #expect(score.factors.isEmpty)
        #expect(score.index == nil)
    }

    @Test("quick3: a single level-1 answer is 0 %, a single level-2 answer is 100 %")
    func quick3Boundary() {
        // By hand: level 1 -> 0/1 = 0 %; level 2 -> 1/1 = 100 %.
        let low = SatisfactionScore(tallies: [tally("overall", .quick3, overall: true, [1: 1])])
        let mid = SatisfactionScore(tallies: [tally("overall", .quick3, overall: true, [2: 1])])
        #expect(low.overall.rate == 0)
        #expect(mid.overall.rate == 100)
    }

    @Test("likert5: levels 4 and 5 are satisfied, 1 to 3 are not")
    func likert5Criterion() throws {
        // Setup: levels 1,2,3,4,5 answered 1,1,2,3,3 times.
        // By hand: satisfied = 3 + 3 = 6, n = 1+1+2+3+3 = 10, rate = 6/10 = 60 %.
        let tallies = [tally("access-1", .likert5, factor: .access, [1: 1, 2: 1, 3: 2, 4: 3, 5: 3])]

        let score = SatisfactionScore(tallies: tallies)

        #expect(score.criteria["access-1"] == RateFigure(satisfied: 6, n: 10))
        #expect(score.criteria["access-1"]?.rate == 60)
        let access = try #require(score.factors[.access])
        #expect(access.value == 60)
        #expect(access.n == 10)
        #expect(access.criteria == 1)
        // One factor present: index = 60.
        #expect(score.index == 60)
    }

    @Test("likert5 level 3 (Bình thường) alone is 0 % satisfied")
    func likert5NeutralIsNotSatisfied() {
        // By hand: 4 answers at level 3 -> 0/4 = 0 %.
        let score = SatisfactionScore(tallies: [tally("result-1", .likert5, factor: .result, [3: 4])])
        #expect(score.criteria["result-1"] == RateFigure(satisfied: 0, n: 4))
        #expect(score.factors[.result]?.value == 0)
        #expect(score.index == 0)
    }

    @Test("no opinion (level 0) is not counted in n")
    func noOpinionExcluded() {
        // Setup: overall quick3 {0: 4, 1: 1, 3: 3}; criterion likert5 {0: 7, 5: 1, 2: 1}.
        // By hand: overall satisfied 3, n = 1 + 3 = 4 (the 4 no-opinions are out), rate 3/4 = 75 %.
        //          criterion satisfied 1, n = 2, rate 1/2 = 50 %.
        let tallies = [
            tally("overall", .quick3, overall: true, [0: 4, 1: 1, 3: 3]),
            tally("officer-1", .likert5, factor: .officer, [0: 7, 5: 1, 2: 1]),
        ]

        let score = SatisfactionScore(tallies: tallies)

        #expect(score.overall == RateFigure(satisfied: 3, n: 4))
        #expect(score.overall.rate == 75)
        #expect(score.criteria["officer-1"] == RateFigure(satisfied: 1, n: 2))
        #expect(score.factors[.officer]?.n == 2)
        #expect(score.index == 50)
    }

    @Test("index is the mean of the factors present; a criterion with only no-opinion answers is left out of its factor")
    func missingFactorsAndEmptyCriterion() throws {
        // Setup:
        //   access-1  {4: 3, 3: 1}  -> 3/4 = 75 %
        //   access-2  {5: 1, 1: 1}  -> 1/2 = 50 %
        //   access-3  {0: 5}        -> no valid answer: not in the mean of access
        //   officer-1 {5: 2}        -> 2/2 = 100 %
        //   procedure, result, feedback: no tallies at all
        // By hand: access = (75 + 50) / 2 = 62.5 (NOT (75 + 50 + 0) / 3 = 41.67),
        //          officer = 100, index = (62.5 + 100) / 2 = 81.25
        //          (NOT (62.5 + 100 + 0 + 0 + 0) / 5 = 32.5).
        let tallies = [
            tally("access-1", .likert5, factor: .access, [4: 3, 3: 1]),
            tally("access-2", .likert5, factor: .access, [5: 1, 1: 1]),
            tally("access-3", .likert5, factor: .access, [0: 5]),
            tally("officer-1", .likert5, factor: .officer, [5: 2]),
        ]

        let score = SatisfactionScore(tallies: tallies)

        let access = try #require(score.factors[.access])
        #expect(access.value == 62.5)
        #expect(access.criteria == 2)
        #expect(access.n == 6)
        #expect(score.criteria["access-3"]?.n == 0)
        #expect(score.criteria["access-3"]?.rate == nil)
        #expect(score.factors[.officer]?.value == 100)
        #expect(score.factors[.procedure] == nil)
        #expect(score.factors[.result] == nil)
        #expect(score.factors[.feedback] == nil)
        #expect(Set(score.factors.keys) == [.access, .officer])
        #expect(score.index == 81.25)
    }

    @Test("a factor whose only criterion has no valid answer is absent, not 0")
    func factorWithOnlyNoOpinion() {
        // By hand: feedback-1 {0: 3} has n = 0, so feedback is absent; result-1 {4: 1} -> 100 %.
        // index = 100 (mean of result alone), not (100 + 0) / 2 = 50.
        let score = SatisfactionScore(tallies: [
            tally("feedback-1", .likert5, factor: .feedback, [0: 3]),
            tally("result-1", .likert5, factor: .result, [4: 1]),
        ])
        #expect(score.factors[.feedback] == nil)
        #expect(score.index == 100)
    }

    @Test("no data at all: rate, index and interval are nil")
    func noData() {
        let score = SatisfactionScore(tallies: [])
        #expect(score.overall.n == 0)
        #expect(score.overall.rate == nil)
        #expect(score.overall.ci95 == nil)
        #expect(score.index == nil)
        #expect(score.factors.isEmpty)
    }

    @Test("only no-opinion answers everywhere: still no rate, no index")
    func onlyNoOpinion() {
        let score = SatisfactionScore(tallies: [
            tally("overall", .quick3, overall: true, [0: 9]),
            tally("access-1", .likert5, factor: .access, [0: 9]),
        ])
        #expect(score.overall.n == 0)
        #expect(score.overall.rate == nil)
        #expect(score.overall.ci95 == nil)
        #expect(score.index == nil)
    }

    @Test("tallies of the same question from two form versions are summed before the rate is taken")
    func sameQuestionTwoVersions() throws {
        // Setup: access-1 in version 1 {4: 1} (1/1) and in version 2 {4: 1, 1: 3} (1/4).
        // By hand: summed = 2 satisfied of 5 -> 2/5 = 40 %.
        //          (Averaging the two rates would give (100 + 25) / 2 = 62.5 %: wrong.)
        // Overall: v1 {3: 1}, v2 {1: 3} -> summed 1/4 = 25 % (mean of rates would be 50 %).
        let tallies = [
            tally("access-1", .likert5, factor: .access, [4: 1]),
            tally("access-1", .likert5, factor: .access, [4: 1, 1: 3]),
            tally("overall", .quick3, overall: true, [3: 1]),
            tally("overall", .quick3, overall: true, [1: 3]),
        ]

        let score = SatisfactionScore(tallies: tallies)

        #expect(score.criteria["access-1"] == RateFigure(satisfied: 2, n: 5))
        #expect(score.criteria["access-1"]?.rate == 40)
        let access = try #require(score.factors[.access])
        #expect(access.value == 40)
        #expect(access.criteria == 1)
        #expect(score.overall == RateFigure(satisfied: 1, n: 4))
        #expect(score.overall.rate == 25)
    }

    @Test("a full five-factor example")
    func fiveFactors() {
        // By hand:
        //   access    a1 {5: 1, 4: 1} = 2/2 = 100; a2 {4: 1, 2: 1} = 1/2 = 50  -> 75
        //   procedure p1 {4: 3, 1: 1} = 3/4 = 75                                -> 75
        //   officer   o1 {5: 5} = 100                                           -> 100
        //   result    r1 {3: 2, 5: 2} = 2/4 = 50                                -> 50
        //   feedback  f1 {4: 1, 3: 1, 2: 1, 1: 1} = 1/4 = 25                    -> 25
        //   index = (75 + 75 + 100 + 50 + 25) / 5 = 325 / 5 = 65
        let score = SatisfactionScore(tallies: [
            tally("a1", .likert5, factor: .access, [5: 1, 4: 1]),
            tally("a2", .likert5, factor: .access, [4: 1, 2: 1]),
            tally("p1", .likert5, factor: .procedure, [4: 3, 1: 1]),
            tally("o1", .likert5, factor: .officer, [5: 5]),
            tally("r1", .likert5, factor: .result, [3: 2, 5: 2]),
            tally("f1", .likert5, factor: .feedback, [4: 1, 3: 1, 2: 1, 1: 1]),
        ])
        #expect(score.factors[.access]?.value == 75)
        #expect(score.factors[.procedure]?.value == 75)
        #expect(score.factors[.officer]?.value == 100)
        #expect(score.factors[.result]?.value == 50)
        #expect(score.factors[.feedback]?.value == 25)
        #expect(score.index == 65)
    }

    @Test("satisfiedTopLevels = 1 counts only the top level")
    func configurableTopLevels() {
        // By hand with one top level: quick3 {2: 3, 3: 1} -> 1/4 = 25 %.
        let rules = ScoringRules(satisfiedTopLevels: 1)
        let score = SatisfactionScore(tallies: [tally("overall", .quick3, overall: true, [2: 3, 3: 1])], rules: rules)
        #expect(score.overall == RateFigure(satisfied: 1, n: 4))
    }

    @Test("RateFigure is suppressed below the minimum n")
    func suppression() {
        let rules = ScoringRules(minimumN: 30)
        #expect(RateFigure(satisfied: 29, n: 29).isSuppressed(rules: rules))
        #expect(!RateFigure(satisfied: 0, n: 30).isSuppressed(rules: rules))
    }
}
