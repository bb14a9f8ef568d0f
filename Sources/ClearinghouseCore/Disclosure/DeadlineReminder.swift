public import Foundation

/// How near a deadline is, for the reminders sent once for each deadline: within one of the lead times before it,
/// or come. Embargoes' public dates and remediation deadlines are reminded of this way.
public enum DeadlineReminder: Sendable, Hashable {
    /// The deadline is this many seconds of lead time away, or less.
    case before(TimeInterval)
    /// The deadline has come.
    case due

    /// Lead times before a deadline at which to remind: a week and a day.
    public static let standardLeadTimes: [TimeInterval] = [7 * 86_400, 86_400]

    /// The key that, with the deadline, makes a reminder once: `before-86400s` or `due`.
    public var name: String {
        switch self {
        case .before(let lead): "before-\(Int(lead))s"
        case .due: "due"
        }
    }

    /// The most urgent reminder whose time has come at `now` (a deadline found a few hours ahead gets the day's
    /// reminder, not the week's as well), or `nil` when none has.
    public static func due(for deadline: Date, at now: Date, leadTimes: [TimeInterval]) -> DeadlineReminder? {
        if now >= deadline { return .due }
        let left = deadline.timeIntervalSince(now)
        return leadTimes.filter { left <= $0 }.min().map { .before($0) }
    }
}
