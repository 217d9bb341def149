/// How a handled item stands for the sample's strata: on time, late, or without a clock.
public enum SampleTiming: String, Sendable, CaseIterable, Comparable {
    case onTime = "on-time"
    case late
    case noClock = "no-clock"

    public init(onTime: Bool?) {
        switch onTime {
        case true?: self = .onTime
        case false?: self = .late
        case nil: self = .noClock
        }
    }

    public var name: LocalizedText {
        switch self {
        case .onTime: LocalizedText(vi: "Đúng hạn", en: "On time")
        case .late: LocalizedText(vi: "Trễ hạn", en: "Late")
        case .noClock: LocalizedText(vi: "Không tính hạn", en: "No deadline")
        }
    }

    public static func < (a: SampleTiming, b: SampleTiming) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// One stratum of the inspection sample: unit x kind x officer x on time or late.
public struct SampleStratum: Sendable, Hashable, Comparable {
    public var unit: String
    public var kind: FeedbackKind
    /// Who handled the item (its assignee: the "who" of "6 rõ"); nil when nobody was assigned.
    public var officer: String?
    public var timing: SampleTiming

    public init(unit: String, kind: FeedbackKind, officer: String?, timing: SampleTiming) {
        self.unit = unit
        self.kind = kind
        self.officer = officer
        self.timing = timing
    }

    /// `tam-phuoc/phan-anh/cb-lan/late`: stored with the sample, and the order strata are drawn in.
    public var key: String { "\(unit)/\(kind.rawValue)/\(officer ?? "-")/\(timing.rawValue)" }

    public static func < (a: SampleStratum, b: SampleStratum) -> Bool { a.key < b.key }
}

/// A handled item that may be drawn: its id, a stable sort key (its tracking code) and stratum.
public struct SampleCandidate: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var stratum: SampleStratum

    public init(id: Int64, code: String, stratum: SampleStratum) {
        self.id = id
        self.code = code
        self.stratum = stratum
    }
}

/// What one stratum gave: how many items it held and the ones drawn, in drawing order.
public struct SampleStratumDraw: Sendable, Equatable {
    public var stratum: SampleStratum
    public var population: Int
    public var drawn: [SampleCandidate]
}

/// The stratified random sample of handled items the inspection committee reviews. Pure and
/// reproducible: the same candidates, size and seed always give the same sample, whatever
/// order the candidates come in and on any machine.
public enum FeedbackSampler {
    /// Draws `min(perStratum, size)` items from every stratum, strata in key order. Each
    /// stratum has its own generator, seeded from `seed` and the stratum's key, so an item
    /// added to one stratum never changes what another stratum gives. Within a stratum the
    /// candidates are put in code order first, then a partial Fisher-Yates shuffle draws.
    public static func draw(_ candidates: [SampleCandidate], perStratum: Int, seed: UInt64) -> [SampleStratumDraw] {
        let byStratum = Dictionary(grouping: candidates, by: \.stratum)
        return byStratum.keys.sorted().map { stratum in
            var pool = (byStratum[stratum] ?? []).sorted { ($0.code, $0.id) < ($1.code, $1.id) }
            var generator = SplitMix64(seed: seed ^ fnv1a(stratum.key))
            let take = min(max(perStratum, 0), pool.count)
            for index in 0..<take {
                let pick = index + Int(generator.uniform(below: UInt64(pool.count - index)))
                pool.swapAt(index, pick)
            }
            return SampleStratumDraw(stratum: stratum, population: pool.count, drawn: Array(pool.prefix(take)))
        }
    }

    /// FNV-1a over the key's UTF-8 bytes: a fixed, documented hash (Swift's `Hasher` is
    /// seeded per process, so it would change the sample from one run to the next).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
