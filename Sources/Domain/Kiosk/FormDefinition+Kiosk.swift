extension FormDefinition {
    /// What a counter's tablet asks after the overall question, one per screen when its device
    /// asks them: the first rating question of each factor, in the order of QĐ 2640. One per
    /// factor is enough for the index (a factor's index is the mean of its answered criteria)
    /// and keeps a citizen standing at the desk for five taps, not fifteen.
    public var kioskFactorQuestions: [Question] {
        Factor.allCases.sorted().compactMap { factor in
            questions.first { $0.type == .rating && $0.factor == factor && !$0.isOverall }
        }
    }
}
