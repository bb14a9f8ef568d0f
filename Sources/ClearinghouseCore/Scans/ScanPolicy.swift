public import Foundation

/// The instance's rules for scan claims.
public struct ScanPolicy: Sendable, Hashable {
    /// The longest lease one claim may ask for.
    public var maximumDuration: TimeInterval = 24 * 3_600
    /// The shortest.
    public var minimumDuration: TimeInterval = 60
    /// How long after a scope was scanned to completion with a technique a new claim on it is refused as
    /// `recently_scanned`, unless the claimant opts into overlap.
    public var coolDown: TimeInterval = 7 * 24 * 3_600
    /// How far ahead a lease may start.
    public var maximumLeadTime: TimeInterval = 30 * 24 * 3_600
    /// How long a started lease lasts without a heartbeat before the scheduler lapses it.
    public var heartbeatTimeout: TimeInterval = 15 * 60
    /// How many leases in force one organization may hold at once, so that nobody reserves the world.
    public var maximumLeasesPerOrganization = 1_000

    public init() {}

    /// A requested duration (of a claim, or of an extension) checked against the policy's bounds.
    ///
    /// - Throws: `invalid_field` (`duration_seconds`) outside them.
    public func duration(_ seconds: Int) throws(ClearinghouseError) -> TimeInterval {
        guard TimeInterval(seconds) >= minimumDuration, TimeInterval(seconds) <= maximumDuration else {
            throw .invalidField(
                "duration_seconds",
                "`duration_seconds` is from \(Int(minimumDuration)) to \(Int(maximumDuration)) on this instance; extend a lease to keep it longer.")
        }
        return TimeInterval(seconds)
    }
}
