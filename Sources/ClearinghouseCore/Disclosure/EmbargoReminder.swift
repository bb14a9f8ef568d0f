public import Foundation

/// What those on a case are told as its public date nears and comes: a reminder at each lead time before it (a week
/// and a day by default), and a notice when it has come and the case may be published. Each is sent once for each
/// date: a date moved is reminded of again.
public struct EmbargoReminder: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The date is this many seconds of lead time away, or less.
        case before(TimeInterval)
        /// The date has come.
        case due
    }

    public let caseID: Case.ID
    public let kind: Kind
    public let publicDate: PublicDate

    public init(caseID: Case.ID, kind: Kind, publicDate: PublicDate) {
        (self.caseID, self.kind, self.publicDate) = (caseID, kind, publicDate)
    }

    /// The key that makes it once: the lead time (or `due`) and the date.
    public var name: String {
        switch kind {
        case .before(let lead): "before-\(Int(lead))s"
        case .due: "due"
        }
    }

    /// Lead times before the public date at which those on a case are reminded: a week and a day.
    public static let standardLeadTimes: [TimeInterval] = [7 * 86_400, 86_400]

    /// The reminder an active embargo is due at `now`: the most urgent of those whose time has come (so an
    /// embargo found a few hours before its date gets the one-day reminder, not the week's as well), or `nil`
    /// when none has.
    public static func due(for embargo: Embargo, at now: Date, leadTimes: [TimeInterval]) -> EmbargoReminder? {
        guard embargo.state == .active else { return nil }
        let date = embargo.publicDate
        if now >= date.instant {
            return EmbargoReminder(caseID: embargo.caseID, kind: .due, publicDate: date)
        }
        let left = date.instant.timeIntervalSince(now)
        guard let lead = leadTimes.filter({ left <= $0 }).min() else { return nil }
        return EmbargoReminder(caseID: embargo.caseID, kind: .before(lead), publicDate: date)
    }
}
