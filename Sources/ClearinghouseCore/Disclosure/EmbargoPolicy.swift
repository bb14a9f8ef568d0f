public import Foundation

/// How long a validated case stays embargoed unless its participants agree otherwise.
///
/// The defaults follow common coordinated-disclosure practice: 90 days from validation to publication, 7 days when
/// the vulnerability is already exploited in the wild (listed in CISA's KEV catalog, or reported so), and no
/// embargo longer than a year however often it is extended.
public struct EmbargoPolicy: Sendable, Hashable {
    /// Days from validation to the proposed public date.
    public var standardDays: Int = 90
    /// Days from validation when the vulnerability is known to be exploited.
    public var knownExploitedDays: Int = 7
    /// The latest public date any proposal may set, in days after validation.
    public var maximumDays: Int = 365
    /// The zone the policy's own proposal is written in.
    public var timeZone: String = "UTC"

    public init() {}

    /// The public date the policy proposes for a case validated at `validatedAt`.
    public func proposedDate(validatedAt: Date, knownExploited: Bool) -> Date {
        validatedAt.addingTimeInterval(Double(knownExploited ? knownExploitedDays : standardDays) * 86_400)
    }

    /// The latest public date a proposal may set for a case validated at `validatedAt`.
    public func latestDate(validatedAt: Date) -> Date {
        validatedAt.addingTimeInterval(Double(maximumDays) * 86_400)
    }
}
