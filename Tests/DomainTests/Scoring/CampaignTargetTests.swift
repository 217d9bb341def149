import Domain
import Testing

@Suite("CampaignTarget.evaluate")
struct CampaignTargetTests {
    private let rules = ScoringRules(minimumN: 30)

    /// A score whose index is `percent`, from one likert5 criterion of `n` answers.
    private func score(satisfied: Int, of n: Int) -> SatisfactionScore {
        SatisfactionScore(
            tallies: [
                QuestionTally(
                    questionId: "officer-1", scale: .likert5, factor: .officer, overall: false,
                    counts: [5: satisfied, 1: n - satisfied])
            ], rules: rules)
    }

    @Test("I1 met when the index is at or above 95")
    func i1Met() {
        // By hand: 19/20 = 95 % -> index 95, met (>= 95).
        let result = CampaignTarget.i1.evaluate(score: score(satisfied: 19, of: 20), sectors: [:], rules: rules)
        #expect(result.value == 95)
        #expect(result.met == true)
        #expect(result.n == 20)
        #expect(result.parts.isEmpty)
    }

    @Test("I1 not met below 95")
    func i1Unmet() {
        // By hand: 18/20 = 90 %.
        let result = CampaignTarget.i1.evaluate(score: score(satisfied: 18, of: 20), sectors: [:], rules: rules)
        #expect(result.value == 90)
        #expect(result.met == false)
    }

    @Test("I1 without any data: value and met are nil")
    func i1NoData() {
        let result = CampaignTarget.i1.evaluate(score: SatisfactionScore(tallies: []), sectors: [:], rules: rules)
        #expect(result.value == nil)
        #expect(result.met == nil)
        #expect(result.n == 0)
    }

    @Test("I2: all three sectors at or above minimum n and 95 % -> met, value is the lowest rate")
    func i2AllMet() {
        // By hand: dat-dai 30/30 = 100 %, xay-dung 39/40 = 97.5 %, dau-tu 38/40 = 95 %.
        // value = min = 95 (dau-tu), met; n = dau-tu's 40, the answers the value comes from.
        let sectors = [
            "dat-dai": RateFigure(satisfied: 30, n: 30),
            "xay-dung": RateFigure(satisfied: 39, n: 40),
            "dau-tu": RateFigure(satisfied: 38, n: 40),
        ]
        let result = CampaignTarget.i2.evaluate(score: SatisfactionScore(tallies: []), sectors: sectors, rules: rules)
        #expect(result.value == 95)
        #expect(result.met == true)
        #expect(result.n == 40)
        #expect(result.parts.map(\.sector) == ["dat-dai", "xay-dung", "dau-tu"])
        #expect(result.parts.map(\.rate) == [100, 97.5, 95])
    }

    @Test("I2: one sector under 95 % -> not met, value is that sector's rate")
    func i2OneBelowTarget() {
        // By hand: dau-tu 37/40 = 92.5 % is the minimum.
        let sectors = [
            "dat-dai": RateFigure(satisfied: 30, n: 30),
            "xay-dung": RateFigure(satisfied: 39, n: 40),
            "dau-tu": RateFigure(satisfied: 37, n: 40),
        ]
        let result = CampaignTarget.i2.evaluate(score: SatisfactionScore(tallies: []), sectors: sectors, rules: rules)
        #expect(result.value == 92.5)
        #expect(result.met == false)
    }

    @Test("I2: one sector below the minimum n -> value nil, met nil, that cell suppressed")
    func i2OneSuppressed() {
        // dau-tu has 29 answers, all satisfied: 100 %, but n = 29 < 30 -> "chưa đủ mẫu".
        let sectors = [
            "dat-dai": RateFigure(satisfied: 30, n: 30),
            "xay-dung": RateFigure(satisfied: 40, n: 40),
            "dau-tu": RateFigure(satisfied: 29, n: 29),
        ]
        let result = CampaignTarget.i2.evaluate(score: SatisfactionScore(tallies: []), sectors: sectors, rules: rules)
        #expect(result.value == nil)
        #expect(result.met == nil)
        #expect(result.parts.first { $0.sector == "dau-tu" }?.rate == nil)
        #expect(result.parts.first { $0.sector == "dau-tu" }?.n == 29)
        #expect(result.parts.first { $0.sector == "dat-dai" }?.rate == 100)
    }

    @Test("I2: a shown sector under 95 % while another is withheld -> not met, value that sector's rate")
    func i2OneBelowAndOneSuppressed() {
        // dat-dai 49/55 = 89.1 % already fails "each >= 95 %"; xay-dung n = 17 is withheld, so
        // the lowest rate of all is unknown, but the target is decided by the shown one.
        let sectors = [
            "dat-dai": RateFigure(satisfied: 49, n: 55),
            "xay-dung": RateFigure(satisfied: 17, n: 17),
            "dau-tu": RateFigure(satisfied: 48, n: 48),
        ]
        let result = CampaignTarget.i2.evaluate(score: SatisfactionScore(tallies: []), sectors: sectors, rules: rules)
        #expect(abs((result.value ?? 0) - 49.0 / 55.0 * 100) < 1e-9)
        #expect(result.met == false)
        #expect(result.n == 55, "dat-dai's answers, not the three sectors'")
    }

    @Test("I2: a sector with no data at all -> value nil, met nil")
    func i2MissingSector() {
        let sectors = [
            "dat-dai": RateFigure(satisfied: 30, n: 30),
            "xay-dung": RateFigure(satisfied: 40, n: 40),
        ]
        let result = CampaignTarget.i2.evaluate(score: SatisfactionScore(tallies: []), sectors: sectors, rules: rules)
        #expect(result.value == nil)
        #expect(result.met == nil)
        #expect(result.parts.count == 3)
    }
}

@Suite("CampaignTarget at exactly the target")
struct CampaignTargetBoundaryTests {
    /// Four factors, one criterion each, whose exact mean is 95 %:
    ///   7/8 = 87.5 %, 23/24 = 95.8333... %, 59/60 = 98.3333... %, 59/60 = 98.3333... %
    ///   (87.5 + 95.8333... + 98.3333... + 98.3333...) / 4 = 380 / 4 = 95 exactly, so I1 (>= 95) is met.
    /// Every assignment of these rates to the factors must give the same answer: the index may not
    /// depend on the order in which a dictionary happens to list the factors.
    @Test(
        "I1 is met when the exact index is 95 %, whatever factor holds which rate")
    func exactlyNinetyFive() {
        let rates = [(7, 8), (23, 24), (59, 60), (59, 60)]
        let factors: [Factor] = [.access, .procedure, .officer, .result]
        var failures: [String] = []
        for order in permutations(of: [0, 1, 2, 3]) {
            let tallies = zip(factors, order).map { factor, index in
                let (satisfied, n) = rates[index]
                return QuestionTally(
                    questionId: factor.rawValue + "-1", scale: .likert5, factor: factor, overall: false,
                    counts: [5: satisfied, 1: n - satisfied].filter { $0.value > 0 })
            }
            let score = SatisfactionScore(tallies: tallies)
            let result = CampaignTarget.i1.evaluate(score: score, sectors: [:], rules: .default)
            if result.met != true { failures.append("\(order): index \(String(describing: score.index))") }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    private func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[Int]] in
            var rest = items
            let first = rest.remove(at: i)
            return permutations(of: rest).map { [first] + $0 }
        }
    }
}
