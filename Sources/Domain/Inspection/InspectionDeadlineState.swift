/// Where a clocked item stands for the inspection committee's queues: open items against
/// their due date, handled items by whether the handling was on time (domain.md §3). Items
/// outside the statutory clock (anonymous) have none: they are listed apart.
public enum InspectionDeadlineState: String, Sendable, CaseIterable {
    case overdue
    case dueSoon = "due-soon"
    case openOnTime = "open"
    case handledOnTime = "on-time"
    case handledLate = "late"

    /// The state of an item: `isOpen` and its flags for open items, `onTime` for handled
    /// ones. Nil for an item without a clock, or handled without a judgement recorded.
    public init?(isAnonymous: Bool, isOpen: Bool, overdue: Bool, dueSoon: Bool, onTime: Bool?) {
        if isAnonymous { return nil }
        if isOpen {
            self = overdue ? .overdue : dueSoon ? .dueSoon : .openOnTime
        } else {
            switch onTime {
            case true?: self = .handledOnTime
            case false?: self = .handledLate
            case nil: return nil
            }
        }
    }

    public var name: LocalizedText {
        switch self {
        case .overdue: LocalizedText(vi: "Quá hạn", en: "Overdue")
        case .dueSoon: LocalizedText(vi: "Sắp đến hạn", en: "Due soon")
        case .openOnTime: LocalizedText(vi: "Đang mở, còn hạn", en: "Open, on time")
        case .handledOnTime: LocalizedText(vi: "Đã xử lý đúng hạn", en: "Handled on time")
        case .handledLate: LocalizedText(vi: "Đã xử lý trễ hạn", en: "Handled late")
        }
    }
}
