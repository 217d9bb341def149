import Domain
import Hummingbird
import Storage

/// Which ward a staff screen is about, decided once for every screen: `?unit=CODE` for an
/// account that may act in several wards, else its own ward; refused (403) where the account
/// may not do the screen's action.
struct UnitScope: Sendable {
    let database: AppDatabase

    /// The unit `request` names (or the account's own, or the first it may act in) for `action`.
    func unit(_ request: Request, session: StaffSession, for action: StaffAction) async throws -> Storage.Unit {
        if let code = request.uri.queryParameters.get("unit"), !code.isEmpty {
            guard let unit = try await database.unit(code: code), let id = unit.id else { throw AppError.notFound }
            try session.require(action, inUnit: id)
            return unit
        }
        if let id = session.user.unitId, let unit = try await database.unit(id: id) {
            try session.require(action, inUnit: id)
            return unit
        }
        guard let first = try await units(session, for: action).first else { throw AppError.staffForbidden }
        return first
    }

    /// Every unit the account may do `action` in, for the ward chooser.
    func units(_ session: StaffSession, for action: StaffAction) async throws -> [Storage.Unit] {
        switch AccessPolicy.units(session.principal, for: action) {
        case .none: return []
        case .one(let id): return try await database.unit(id: id).map { [$0] } ?? []
        case .all: return try await database.units()
        }
    }
}

extension Request {
    /// The page's language: `?lang=en`, Vietnamese otherwise.
    var language: Language { Language(parameter: uri.queryParameters.get("lang")) }
}
