public import Foundation

/// When validators agree: at least `quorum` distinct validator organizations, none of which reported a finding of
/// the case, attest the same decisive result.
public struct Quorum: Sendable {
    public let size: Int
    /// The organizations that reported findings of the case: their attestations do not count.
    public let reporters: Set<Organization.ID>

    public init(size: Int, reporters: Set<Organization.ID>) {
        self.size = size
        self.reporters = reporters
    }

    /// The outcome the attestations reach, if any. Inconclusive attestations count for neither side; when both
    /// sides reach the quorum, the side that reached it first wins.
    public func outcome(of attestations: [Attestation]) -> ValidationJob.Outcome? {
        var reproduced: Set<Organization.ID> = []
        var notReproduced: Set<Organization.ID> = []
        for attestation in attestations.sorted(by: { $0.submittedAt < $1.submittedAt })
        where !reporters.contains(attestation.organization) {
            switch attestation.result {
            case .reproduced: reproduced.insert(attestation.organization)
            case .notReproduced: notReproduced.insert(attestation.organization)
            case .inconclusive: break
            }
            if reproduced.count >= size { return .reproduced }
            if notReproduced.count >= size { return .notReproduced }
        }
        return nil
    }

    /// Whether a job still needs claims: the claims still running, plus the larger side's agreeing attestations,
    /// fall short of the quorum.
    public func needsClaims(_ claims: [ValidationClaim], attestations: [Attestation], now: Date) -> Bool {
        let pending = claims.filter { $0.attestation == nil && $0.expiresAt > now }.count
        let counted = attestations.filter { !reporters.contains($0.organization) }
        let reproduced = Set(counted.filter { $0.result == .reproduced }.map(\.organization)).count
        let notReproduced = Set(counted.filter { $0.result == .notReproduced }.map(\.organization)).count
        return pending + max(reproduced, notReproduced) < size
    }

    /// The case's next state once a job reaches an outcome: a reproduced case is validated, an unreproducible one
    /// rejected; a fix that no longer reproduces is fixed. `nil` when the case's state does not allow the move.
    public static func caseState(
        after outcome: ValidationJob.Outcome, of kind: ValidationJob.Kind, from state: CaseState
    ) -> CaseState? {
        let next: CaseState?
        switch (kind, outcome) {
        case (.reproduce, .reproduced): next = .validated
        case (.reproduce, .notReproduced): next = .rejected
        case (.fix, .notReproduced): next = .fixed
        case (.fix, .reproduced): next = nil
        }
        guard let next, state.successors.contains(next) else { return nil }
        return next
    }
}
