import Domain
import Testing

@Suite("Inspection sample: stratified, reproducible")
struct FeedbackSamplerTests {
    /// 3 strata: tam-phuoc/phan-anh/cb-lan on time (10 items), the same late (2 items),
    /// chon-thanh/khieu-nai/nobody on time (5 items).
    static func candidates() -> [SampleCandidate] {
        let a = SampleStratum(unit: "tam-phuoc", kind: .phanAnh, officer: "cb-lan", timing: .onTime)
        let b = SampleStratum(unit: "tam-phuoc", kind: .phanAnh, officer: "cb-lan", timing: .late)
        let c = SampleStratum(unit: "chon-thanh", kind: .khieuNai, officer: nil, timing: .onTime)
        return (1...10).map { SampleCandidate(id: Int64($0), code: "A\($0)", stratum: a) }
            + (11...12).map { SampleCandidate(id: Int64($0), code: "B\($0)", stratum: b) }
            + (13...17).map { SampleCandidate(id: Int64($0), code: "C\($0)", stratum: c) }
    }

    @Test func eachStratumGivesTheSmallerOfTheSizeAndItsItems() {
        let draws = FeedbackSampler.draw(Self.candidates(), perStratum: 3, seed: 42)
        #expect(draws.map(\.stratum.key) == ["chon-thanh/khieu-nai/-/on-time", "tam-phuoc/phan-anh/cb-lan/late", "tam-phuoc/phan-anh/cb-lan/on-time"])
        #expect(draws.map(\.population) == [5, 2, 10])
        #expect(draws.map(\.drawn.count) == [3, 2, 3])
        for draw in draws {
            #expect(draw.drawn.allSatisfy { $0.stratum == draw.stratum }, "strata respected")
            #expect(Set(draw.drawn.map(\.id)).count == draw.drawn.count, "no item twice")
        }
        #expect(FeedbackSampler.draw(Self.candidates(), perStratum: 0, seed: 42).allSatisfy { $0.drawn.isEmpty })
        #expect(FeedbackSampler.draw(Self.candidates(), perStratum: 50, seed: 42).map(\.drawn.count) == [5, 2, 10])
    }

    @Test func theSameSeedDrawsTheSameSampleWhateverTheInputOrder() {
        let first = FeedbackSampler.draw(Self.candidates(), perStratum: 3, seed: 20_261_123)
        let again = FeedbackSampler.draw(Self.candidates().reversed(), perStratum: 3, seed: 20_261_123)
        #expect(first == again)
        // Another seed gives another sample somewhere (10 choose 3 = 120 ways for the big stratum).
        let seeds: [UInt64] = [1, 2, 3, 4, 5]
        let others = seeds.map { FeedbackSampler.draw(Self.candidates(), perStratum: 3, seed: $0).last?.drawn.map(\.id) ?? [] }
        #expect(Set(others).count > 1)
    }

    @Test func addingAnItemToOneStratumLeavesTheOthersAlone() {
        var more = Self.candidates()
        more.append(SampleCandidate(id: 99, code: "A99", stratum: more[0].stratum))
        let before = FeedbackSampler.draw(Self.candidates(), perStratum: 2, seed: 7)
        let after = FeedbackSampler.draw(more, perStratum: 2, seed: 7)
        #expect(before[0] == after[0])
        #expect(before[1] == after[1])
    }

    @Test func splitMix64MatchesTheReferenceOutput() {
        // The first outputs for seed 1234567 of the reference C implementation (Vigna).
        var generator = SplitMix64(seed: 1_234_567)
        #expect(generator.next() == 6_457_827_717_110_365_317)
        #expect(generator.next() == 3_203_168_211_198_807_973)
        var bounded = SplitMix64(seed: 9)
        for _ in 0..<1000 { #expect(bounded.uniform(below: 7) < 7) }
    }

    @Test func deadlineStateOfAnItem() {
        #expect(InspectionDeadlineState(isAnonymous: true, isOpen: true, overdue: false, dueSoon: false, onTime: nil) == nil)
        #expect(InspectionDeadlineState(isAnonymous: false, isOpen: true, overdue: true, dueSoon: false, onTime: nil) == .overdue)
        #expect(InspectionDeadlineState(isAnonymous: false, isOpen: true, overdue: false, dueSoon: true, onTime: nil) == .dueSoon)
        #expect(InspectionDeadlineState(isAnonymous: false, isOpen: true, overdue: false, dueSoon: false, onTime: nil) == .openOnTime)
        #expect(InspectionDeadlineState(isAnonymous: false, isOpen: false, overdue: false, dueSoon: false, onTime: true) == .handledOnTime)
        #expect(InspectionDeadlineState(isAnonymous: false, isOpen: false, overdue: false, dueSoon: false, onTime: false) == .handledLate)
    }
}
