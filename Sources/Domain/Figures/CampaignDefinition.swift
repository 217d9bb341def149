import Foundation

/// A campaign and its phases, read from a file in Forms/ (e.g. `campaign-2026.json`), so a
/// province's dates are data, not code. Phases may cross a year.
///
///     {"id": "500-ngay-dem", "name": {"vi": ..., "en": ...},
///      "phases": [{"id": "P1", "name": {...}, "from": "2026-05-01", "to": "2026-05-31"}, ...]}
public struct CampaignDefinition: Codable, Sendable, Equatable {
    public struct Phase: Codable, Sendable, Equatable {
        public var id: String
        public var name: LocalizedText
        public var from: LocalDate
        public var to: LocalDate

        public init(id: String, name: LocalizedText, from: LocalDate, to: LocalDate) {
            self.id = id
            self.name = name
            self.from = from
            self.to = to
        }
    }

    public var id: String
    public var name: LocalizedText
    public var phases: [Phase]

    public init(id: String, name: LocalizedText, phases: [Phase]) {
        self.id = id
        self.name = name
        self.phases = phases
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case noPhases
        case emptyPhase(String)
        case overlapping(String, String)
        case duplicateId(String)

        public var description: String {
            switch self {
            case .noPhases: "the campaign has no phase"
            case .emptyPhase(let id): "phase \(id) ends before it starts"
            case .overlapping(let a, let b): "phases \(a) and \(b) overlap or are out of order"
            case .duplicateId(let id): "two phases are called \(id)"
            }
        }
    }

    /// Reads and checks a definition: phases in order, each a real range, none overlapping.
    public static func decode(_ data: Data) throws -> CampaignDefinition {
        let campaign = try JSONDecoder().decode(CampaignDefinition.self, from: data)
        try campaign.validate()
        return campaign
    }

    public func validate() throws {
        guard !phases.isEmpty else { throw Problem.noPhases }
        var seen = Set<String>()
        for (index, phase) in phases.enumerated() {
            guard phase.from <= phase.to else { throw Problem.emptyPhase(phase.id) }
            guard seen.insert(phase.id).inserted else { throw Problem.duplicateId(phase.id) }
            if index > 0, phases[index - 1].to >= phase.from { throw Problem.overlapping(phases[index - 1].id, phase.id) }
        }
    }

    public func phase(id: String) -> Phase? { phases.first { $0.id.caseInsensitiveCompare(id) == .orderedSame } }

    /// The phase `day` falls in, if any.
    public func phase(containing day: LocalDate) -> Phase? { phases.first { $0.from <= day && day <= $0.to } }
}
