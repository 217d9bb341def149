import Domain
import Foundation
import Testing

@Suite("FeedbackLimits")
struct FeedbackLimitsTests {
    let limits = FeedbackLimits.standard

    @Test("the defaults of domain.md §3")
    func defaults() {
        #expect(!limits.rulesVersion.isEmpty)
        for kind in [FeedbackKind.gopY, .phanAnh, .kienNghi] {
            #expect(limits.answer(for: kind) == .workingDays(10))
            #expect(limits.acceptance(for: kind) == nil)
            #expect(limits.answer(for: kind, extensions: 1) == nil)
        }
        #expect(limits.acceptance(for: .khieuNai) == .workingDays(10))
        #expect(limits.answer(for: .khieuNai) == .calendarDays(30))
        #expect(limits.answer(for: .khieuNai, extensions: 1) == .calendarDays(45))
        #expect(limits.answer(for: .khieuNai, extensions: 2) == nil)
        #expect(limits.acceptance(for: .toCao) == .workingDays(7))
        #expect(limits.answer(for: .toCao) == .calendarDays(30))
        #expect(limits.answer(for: .toCao, extensions: 1) == .calendarDays(60))
        #expect(limits.answer(for: .toCao, extensions: 2) == .calendarDays(90))
        #expect(limits.answer(for: .toCao, extensions: 3) == nil)
        #expect(limits.transfer == .workingDays(5))
        #expect(limits.dueSoonWorkingDays == 2)
        #expect(limits.reopenWindow == .workingDays(10))
    }

    @Test("extensions the laws allow")
    func maxExtensions() {
        for kind in [FeedbackKind.gopY, .phanAnh, .kienNghi] {
            for complexity in ExtensionComplexity.allCases {
                #expect(FeedbackLimits.maxExtensions(for: kind, complexity: complexity) == 0)
            }
        }
        #expect(FeedbackLimits.maxExtensions(for: .khieuNai, complexity: .complex) == 1)
        #expect(FeedbackLimits.maxExtensions(for: .khieuNai, complexity: .especiallyComplex) == 0)
        #expect(FeedbackLimits.maxExtensions(for: .toCao, complexity: .complex) == 1)
        #expect(FeedbackLimits.maxExtensions(for: .toCao, complexity: .especiallyComplex) == 2)
    }

    @Test("limits round-trip through JSON with their units")
    func json() throws {
        var custom = limits
        custom.rulesVersion = "dong-nai-2026"
        custom.khieuNaiDecision = .workingDays(20)
        let decoded = try JSONDecoder().decode(FeedbackLimits.self, from: try JSONEncoder().encode(custom))
        #expect(decoded == custom)
        #expect(decoded != limits)
    }
}
