import Domain
import Foundation
import Testing

@Suite("Feedback codes")
struct FeedbackCodesTests {
    @Test("the fixed codes of product.md")
    func codes() {
        #expect(FeedbackKind.allCases.map(\.rawValue) == ["gop-y", "phan-anh", "kien-nghi", "khieu-nai", "to-cao"])
        #expect(FeedbackCategory.allCases.map(\.rawValue) == ["thai-do", "nhung-nhieu", "cham-tre", "thu-tuc", "phi", "co-so", "khac"])
        #expect(FeedbackChannel.allCases.map(\.rawValue) == ["web", "rating", "counter", "hotline", "letter", "in-person", "box", "api"])
        #expect(FeedbackState.allCases.map(\.rawValue) == ["received", "accepted", "assigned", "in-progress", "resolved", "closed", "transferred", "rejected"])
        #expect(VerificationOutcome.allCases.map(\.rawValue) == ["co-co-so", "khong-co-co-so", "chua-xac-minh"])
        #expect(ExtensionComplexity.allCases.map(\.rawValue) == ["complex", "especially-complex"])
        #expect(FeedbackAction.allCases.map(\.rawValue) == ["accept", "assign", "start", "extend", "transfer", "reject", "resolve", "verify", "close", "reopen", "reclassify"])
    }

    @Test("every code has a Vietnamese and an English name")
    func names() {
        let names = FeedbackKind.allCases.map(\.name) + FeedbackKind.allCases.map(\.formPhrase) + FeedbackCategory.allCases.map(\.name)
            + FeedbackChannel.allCases.map(\.name) + FeedbackState.allCases.map(\.name) + VerificationOutcome.allCases.map(\.name)
            + ExtensionComplexity.allCases.map(\.name) + FeedbackAction.allCases.map(\.name)
        for name in names {
            #expect(!name.vi.isEmpty && !name.en.isEmpty)
        }
        #expect(FeedbackKind.gopY.formPhrase.vi == "Tôi muốn góp ý")
        #expect(FeedbackKind.allCases.allSatisfy { $0.formPhrase.vi.hasPrefix("Tôi muốn ") })
        #expect(Set(FeedbackKind.allCases.map(\.formPhrase.vi)).count == FeedbackKind.allCases.count)
    }

    @Test("conduct categories, acceptance kinds, open states")
    func flags() {
        #expect(FeedbackCategory.allCases.filter(\.isConduct) == [.thaiDo, .nhungNhieu])
        #expect(FeedbackKind.allCases.filter(\.needsAcceptance) == [.khieuNai, .toCao])
        #expect(FeedbackState.allCases.filter(\.isOpen) == [.received, .accepted, .assigned, .inProgress])
        #expect(VerificationOutcome.allCases.filter(\.isSubstantiated) == [.coCoSo])
    }

    @Test("resolve, transfer and reject are handlings; accept is not")
    func handlings() {
        #expect(FeedbackAction.allCases.filter { $0.handling != nil } == [.transfer, .reject, .resolve])
        #expect(FeedbackAction.resolve.handling == .resolve)
        #expect(FeedbackAction.transfer.handling == .transfer)
        #expect(FeedbackAction.reject.handling == .reject)
        #expect(FeedbackAction.accept.handling == nil)
    }

    @Test("on time = handled on or before the due date in force")
    func onTime() throws {
        let due = try ymd("2026-03-16")
        #expect(FeedbackHandling(kind: .resolve, on: try ymd("2026-03-16"), due: due).isOnTime)
        #expect(!FeedbackHandling(kind: .transfer, on: try ymd("2026-03-17"), due: due).isOnTime)
        #expect(FeedbackHandling(kind: .reject, on: try ymd("2026-03-17"), due: nil).isOnTime)
    }

    @Test("codes round-trip through JSON as their raw values")
    func json() throws {
        let data = try JSONEncoder().encode([FeedbackKind.khieuNai])
        #expect(String(decoding: data, as: UTF8.self) == "[\"khieu-nai\"]")
        #expect(try JSONDecoder().decode([FeedbackState].self, from: Data("[\"in-progress\"]".utf8)) == [.inProgress])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([FeedbackKind].self, from: Data("[\"gop_y\"]".utf8)) }
    }
}
