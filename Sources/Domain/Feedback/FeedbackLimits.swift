/// Every time limit of the feedback clock (domain.md §3). Provinces set their own, so each
/// is data an administrator can change; `standard` holds the defaults of the spec, and
/// `rulesVersion` is recorded with every due date and figure so an old figure can be
/// explained after the limits change.
///
/// Limits that an extension lengthens are stored as whole periods (45, 60, 90 days) rather
/// than as "+30": a sum of two `TimeLimit`s in different units would have no meaning.
public struct FeedbackLimits: Sendable, Equatable, Codable {
    public var rulesVersion: String

    /// Góp ý: answer, from receipt.
    public var gopYAnswer: TimeLimit
    /// Phản ánh: answer, from receipt.
    public var phanAnhAnswer: TimeLimit
    /// Kiến nghị: answer, from receipt.
    public var kienNghiAnswer: TimeLimit

    /// Khiếu nại: accept (thụ lý) or refuse, from receipt.
    public var khieuNaiAcceptance: TimeLimit
    /// Khiếu nại: decide, from acceptance.
    public var khieuNaiDecision: TimeLimit
    /// Khiếu nại: decide, from acceptance, after the one extension as complex.
    public var khieuNaiDecisionExtended: TimeLimit

    /// Tố cáo: accept or refuse (initial processing), from receipt.
    public var toCaoAcceptance: TimeLimit
    /// Tố cáo: resolve, from acceptance.
    public var toCaoResolution: TimeLimit
    /// Tố cáo: resolve, from acceptance, after one extension.
    public var toCaoResolutionExtendedOnce: TimeLimit
    /// Tố cáo: resolve, from acceptance, after two extensions (especially complex).
    public var toCaoResolutionExtendedTwice: TimeLimit

    /// Transfer outside the unit's competence, from receipt, whatever the kind.
    public var transfer: TimeLimit
    /// "Due soon" = at most this many working days left.
    public var dueSoonWorkingDays: Int
    /// A resolved item may be reopened until the end of this period, counted from the day
    /// it was resolved.
    public var reopenWindow: TimeLimit

    public init(
        rulesVersion: String,
        gopYAnswer: TimeLimit, phanAnhAnswer: TimeLimit, kienNghiAnswer: TimeLimit,
        khieuNaiAcceptance: TimeLimit, khieuNaiDecision: TimeLimit, khieuNaiDecisionExtended: TimeLimit,
        toCaoAcceptance: TimeLimit, toCaoResolution: TimeLimit,
        toCaoResolutionExtendedOnce: TimeLimit, toCaoResolutionExtendedTwice: TimeLimit,
        transfer: TimeLimit, dueSoonWorkingDays: Int, reopenWindow: TimeLimit
    ) {
        self.rulesVersion = rulesVersion
        self.gopYAnswer = gopYAnswer
        self.phanAnhAnswer = phanAnhAnswer
        self.kienNghiAnswer = kienNghiAnswer
        self.khieuNaiAcceptance = khieuNaiAcceptance
        self.khieuNaiDecision = khieuNaiDecision
        self.khieuNaiDecisionExtended = khieuNaiDecisionExtended
        self.toCaoAcceptance = toCaoAcceptance
        self.toCaoResolution = toCaoResolution
        self.toCaoResolutionExtendedOnce = toCaoResolutionExtendedOnce
        self.toCaoResolutionExtendedTwice = toCaoResolutionExtendedTwice
        self.transfer = transfer
        self.dueSoonWorkingDays = dueSoonWorkingDays
        self.reopenWindow = reopenWindow
    }

    /// The defaults of domain.md §3.
    public static let standard = FeedbackLimits(
        rulesVersion: "feedback-2026.1",
        gopYAnswer: .workingDays(10), phanAnhAnswer: .workingDays(10), kienNghiAnswer: .workingDays(10),
        khieuNaiAcceptance: .workingDays(10), khieuNaiDecision: .calendarDays(30), khieuNaiDecisionExtended: .calendarDays(45),
        toCaoAcceptance: .workingDays(7), toCaoResolution: .calendarDays(30),
        toCaoResolutionExtendedOnce: .calendarDays(60), toCaoResolutionExtendedTwice: .calendarDays(90),
        transfer: .workingDays(5), dueSoonWorkingDays: 2, reopenWindow: .workingDays(10))

    /// The limit to accept or refuse, from receipt; nil for the kinds without that step.
    public func acceptance(for kind: FeedbackKind) -> TimeLimit? {
        switch kind {
        case .gopY, .phanAnh, .kienNghi: nil
        case .khieuNai: khieuNaiAcceptance
        case .toCao: toCaoAcceptance
        }
    }

    /// The limit of the kind's main step with `extensions` extensions in force: the answer
    /// (from receipt) for góp ý, phản ánh and kiến nghị; the decision or resolution (from
    /// acceptance) for khiếu nại and tố cáo. A reopened item gets this limit again, counted
    /// from the day it was reopened. Nil when that many extensions are not possible for the
    /// kind (see `maxExtensions`).
    public func answer(for kind: FeedbackKind, extensions: Int = 0) -> TimeLimit? {
        switch (kind, extensions) {
        case (.gopY, 0): gopYAnswer
        case (.phanAnh, 0): phanAnhAnswer
        case (.kienNghi, 0): kienNghiAnswer
        case (.khieuNai, 0): khieuNaiDecision
        case (.khieuNai, 1): khieuNaiDecisionExtended
        case (.toCao, 0): toCaoResolution
        case (.toCao, 1): toCaoResolutionExtendedOnce
        case (.toCao, 2): toCaoResolutionExtendedTwice
        default: nil
        }
    }

    /// How many extensions a kind allows in total when this one is granted as `complexity`
    /// (the laws, not a deployment choice, so not configurable): none for góp ý, phản ánh and
    /// kiến nghị; one for khiếu nại, and only as complex (Luật Khiếu nại 2011 knows no
    /// "especially complex"); for tố cáo one when complex, two when especially complex.
    public static func maxExtensions(for kind: FeedbackKind, complexity: ExtensionComplexity) -> Int {
        switch (kind, complexity) {
        case (.gopY, _), (.phanAnh, _), (.kienNghi, _): 0
        case (.khieuNai, .complex): 1
        case (.khieuNai, .especiallyComplex): 0
        case (.toCao, .complex): 1
        case (.toCao, .especiallyComplex): 2
        }
    }
}
