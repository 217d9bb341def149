import Domain
import Foundation
import Storage

/// The documents of Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), read-only:
/// feedback items as service requests, categories as services. Every field of the spec's
/// list is present, `null` where HaiLong does not publish it: the citizen's description,
/// address and media may carry personal data (domain.md §5), and a counter is no location.
enum Open311JSON {
    static let specification = "http://wiki.open311.org/GeoReport_v2"

    struct Discovery: Encodable {
        struct Endpoint: Encodable {
            var specification: String
            var url: String
            var changeset: String
            var type: String
            var formats: [String]
        }

        var changeset: String
        var contact: String
        var key_service: String
        var endpoints: [Endpoint]
    }

    /// `services.json`: one service per feedback category (`service_code` = category code).
    struct Service: Encodable {
        var service_code: String
        var service_name: String
        var description: String
        var metadata: Bool
        var type: String
        var keywords: String
        var group: String

        init(_ category: FeedbackCategory) {
            service_code = category.rawValue
            service_name = category.name.vi
            description = category.name.vi + " / " + category.name.en
            // No extra attributes to ask: nothing to fetch from a service definition.
            metadata = false
            // Read-only here; items filed through HaiLong get their code at once.
            type = "realtime"
            keywords = category.isConduct ? "can-bo,officer" : ""
            group = category.isConduct ? "Thái độ cán bộ / Officer's conduct" : "Dịch vụ / Service"
        }
    }

    /// One item of `requests.json` and `requests/{code}.json`.
    struct Request: Encodable {
        var service_request_id: String
        var status: String
        @ExplicitNull var status_notes: String?
        var service_name: String
        var service_code: String
        @ExplicitNull var description: String?
        var agency_responsible: String
        @ExplicitNull var service_notice: String?
        var requested_datetime: String
        var updated_datetime: String
        @ExplicitNull var expected_datetime: String?
        @ExplicitNull var address: String?
        @ExplicitNull var address_id: String?
        @ExplicitNull var zipcode: String?
        @ExplicitNull var lat: Double?
        @ExplicitNull var long: Double?
        @ExplicitNull var media_url: String?

        init(_ entry: FeedbackRegisterEntry, unit: Storage.Unit) {
            let item = entry.item
            service_request_id = item.code.description
            // Open311 knows two states: handled items (resolved, closed, rejected,
            // transferred) are closed; a reopened item is open again.
            status = item.isOpen ? "open" : "closed"
            // The public result, as the tracking page shows it; never internal notes.
            status_notes = item.isOpen ? nil : item.result
            service_name = item.category.name.vi
            service_code = item.category.rawValue
            description = nil
            agency_responsible = unit.name
            service_notice = nil
            requested_datetime = LocalTime.iso8601(item.receivedAt)
            updated_datetime = LocalTime.iso8601(entry.updatedAt)
            // The due date in force: the whole day counts, so the request is expected by
            // its last second, Asia/Ho_Chi_Minh.
            expected_datetime = item.dueOn.map { $0.description + "T23:59:59+07:00" }
        }
    }

    /// Open311's error document: a list of `{code, description}` with the HTTP status as code.
    struct Error: Encodable {
        var code: Int
        var description: String
    }
}
