import Domain
import Foundation

/// The campaign definition in the forms directory (`campaign-*.json`): its phases feed the
/// dashboard's period selector. With several files the last by name is the one in force.
enum CampaignFile {
    static func isCampaign(_ fileName: String) -> Bool {
        fileName.hasPrefix("campaign-") && fileName.hasSuffix(".json")
    }

    /// The campaign in `directory`, nil when there is none; a file that is not a valid
    /// campaign stops the start with its name and problem.
    static func load(directory: String) throws -> CampaignDefinition? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        guard let name = names.filter(isCampaign).sorted().last else { return nil }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormValidationError(file: path, field: "(file)", problem: "không đọc được tệp")
        }
        do {
            return try CampaignDefinition.decode(data)
        } catch let problem as CampaignDefinition.Problem {
            throw FormValidationError(file: path, field: "phases", problem: problem.description)
        } catch {
            throw FormValidationError(file: path, field: "(json)", problem: "không phải định nghĩa chiến dịch hợp lệ: \(error)")
        }
    }
}
