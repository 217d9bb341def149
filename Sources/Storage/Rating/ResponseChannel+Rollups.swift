import Domain

extension ResponseChannel {
    /// The channel's `dimId` in `figureRollups` (dimension 5). Fixed as v8-kiosk wrote them:
    /// a new channel takes a new number, none is ever reused.
    var rollupId: Int64 {
        switch self {
        case .web: 1
        case .api: 2
        case .kiosk: 3
        }
    }

    /// The id of a stored `responses.channel`; 0 for a value no channel has (none is written).
    static func rollupId(of stored: String) -> Int64 {
        ResponseChannel(rawValue: stored)?.rollupId ?? 0
    }
}
