/// The answer scales of domain.md §2. Level 0 is "Không có ý kiến" (no opinion) on every
/// scale: accepted, stored, but never a valid answer.
public enum RatingScale: String, Codable, Sendable, CaseIterable {
    case likert5
    case quick3

    public static let noOpinion = 0

    /// The highest level; levels run from 1 to this.
    public var maxLevel: Int {
        switch self {
        case .likert5: 5
        case .quick3: 3
        }
    }

    /// Levels a citizen may post, including no opinion.
    public func accepts(_ level: Int) -> Bool {
        level == Self.noOpinion || (1...maxLevel).contains(level)
    }

    /// Valid answers: every level but no opinion.
    public func isValid(_ level: Int) -> Bool {
        (1...maxLevel).contains(level)
    }

    /// Labels from the worst to the best level, in the wording of domain.md §2.
    public var labels: [LocalizedText] {
        switch self {
        case .likert5:
            [
                LocalizedText(vi: "Rất không hài lòng", en: "Very dissatisfied"),
                LocalizedText(vi: "Không hài lòng", en: "Dissatisfied"),
                LocalizedText(vi: "Bình thường", en: "Neutral"),
                LocalizedText(vi: "Hài lòng", en: "Satisfied"),
                LocalizedText(vi: "Rất hài lòng", en: "Very satisfied"),
            ]
        case .quick3:
            [
                LocalizedText(vi: "Chưa hài lòng", en: "Not yet satisfied"),
                LocalizedText(vi: "Hài lòng", en: "Satisfied"),
                LocalizedText(vi: "Rất hài lòng", en: "Very satisfied"),
            ]
        }
    }

    public static let noOpinionLabel = LocalizedText(vi: "Không có ý kiến", en: "No opinion")

    public func label(of level: Int) -> LocalizedText {
        guard isValid(level) else { return Self.noOpinionLabel }
        return labels[level - 1]
    }
}
