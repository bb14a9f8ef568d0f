public import Foundation

/// What those on a case are told as its public date nears and comes: a reminder at each lead time before it (a week
/// and a day by default), and a notice when it has come and the case may be published. Each is sent once for each
/// date: a date moved is reminded of again.
public struct EmbargoReminder: Sendable, Hashable {
    public let caseID: Case.ID
    public let kind: DeadlineReminder
    public let publicDate: PublicDate

    public init(caseID: Case.ID, kind: DeadlineReminder, publicDate: PublicDate) {
        (self.caseID, self.kind, self.publicDate) = (caseID, kind, publicDate)
    }

    /// The key that, with the date, makes it once.
    public var name: String { kind.name }

    /// The reminder an active embargo is due at `now` (see ``DeadlineReminder/due(for:at:leadTimes:)``), or `nil`.
    public static func due(for embargo: Embargo, at now: Date, leadTimes: [TimeInterval]) -> EmbargoReminder? {
        guard embargo.state == .active,
            let kind = DeadlineReminder.due(for: embargo.publicDate.instant, at: now, leadTimes: leadTimes)
        else { return nil }
        return EmbargoReminder(caseID: embargo.caseID, kind: kind, publicDate: embargo.publicDate)
    }
}
