public import Foundation

/// What was scanned of a scope: the leases that overlap it, grouped by their scope, technique and outcome, with
/// the holders the asker may know and a count of the others.
public struct ScanCoverage: Sendable {
    /// How a group of leases ended, or that they are still running.
    public enum Outcome: String, Sendable, CaseIterable {
        case completed, inProgress = "in_progress", lapsed, revoked
    }

    public struct Entry: Sendable, Hashable {
        public let scope: ScanScope
        public let technique: ScanTechnique
        public let outcome: Outcome
        public let scans: Int
        /// When the latest of them finished, or (in progress) when it ends.
        public let lastAt: Date
        /// The holders the asker may know, in order of their ids.
        public let holders: [Organization.ID]
        /// How many other participants hold leases of the group.
        public let otherParticipants: Int
    }

    public let entries: [Entry]

    /// Groups `leases` that overlap `scope` (released leases count as nothing scanned). Leases the asker may not
    /// learn of at all are left out before this; `namesHolder` says which holders it may know.
    public init(of scope: ScanScope, from leases: [ScanLease], namesHolder: (ScanLease) -> Bool) {
        struct Key: Hashable {
            let scope: ScanScope
            let technique: ScanTechnique
            let outcome: Outcome
        }
        var groups: [Key: [ScanLease]] = [:]
        for lease in leases where lease.claim.scope.overlaps(scope) {
            let outcome: Outcome
            switch lease.state {
            case .completed: outcome = .completed
            case .active: outcome = .inProgress
            case .lapsed: outcome = .lapsed
            case .revoked: outcome = .revoked
            case .released: continue
            }
            groups[Key(scope: lease.claim.scope, technique: lease.claim.technique, outcome: outcome), default: []]
                .append(lease)
        }
        entries = groups.map { key, leases in
            let named = Set(leases.filter(namesHolder).map(\.holder))
            let others = Set(leases.map(\.holder)).subtracting(named)
            return Entry(
                scope: key.scope, technique: key.technique, outcome: key.outcome, scans: leases.count,
                lastAt: leases.map { $0.finishedAt ?? $0.claim.endsAt }.max()!,
                holders: named.sorted { $0.rawValue < $1.rawValue }, otherParticipants: others.count)
        }
        .sorted { ($0.lastAt, $0.scope.description, $0.technique.rawValue) > ($1.lastAt, $1.scope.description, $1.technique.rawValue) }
    }
}
