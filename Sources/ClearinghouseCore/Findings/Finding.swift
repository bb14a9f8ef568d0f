public import Foundation
public import TLP

/// A finding as the clearinghouse keeps it: what was reported, by whom and when, and the case it belongs to.
public struct Finding: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Finding>

    public var id: ID
    public var caseID: Case.ID
    /// The reporting organization, from the caller's token.
    public var reporter: Organization.ID
    public var reportedAt: Date
    /// The label its reporter chose, which no case it joins may loosen.
    public var label: TLPLabel
    public var draft: FindingDraft
    /// The case's first finding when this one joined an existing case; `nil` for the finding that opened it.
    public var duplicateOf: ID?
    /// The keys under which it was matched.
    public var fingerprints: [Fingerprint]
    /// Why the scan that found it was not authorized, for a finding about infrastructure that rests on no lease of
    /// its reporter covering the place.
    public var unauthorizedScan: UnauthorizedScan.Reason?

    public init(
        id: ID, caseID: Case.ID, reporter: Organization.ID, reportedAt: Date, label: TLPLabel, draft: FindingDraft,
        duplicateOf: ID?, fingerprints: [Fingerprint], unauthorizedScan: UnauthorizedScan.Reason? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.reporter = reporter
        self.reportedAt = reportedAt
        self.label = label
        self.draft = draft
        self.duplicateOf = duplicateOf
        self.fingerprints = fingerprints
        self.unauthorizedScan = unauthorizedScan
    }

    /// A finding is its reporter's, under the label its reporter chose, and shared with the case's need-to-know
    /// list (the organizations coordinators added, validators that claimed its job) and with coordinators as the
    /// label allows. Joining a case shares it with nobody else: not with the case's first reporter, not with those
    /// the case's own label would let in.
    ///
    /// - Parameter case: The finding's case, whose need-to-know list applies.
    public func visibility(in case: Case) -> Visibility {
        Visibility(
            label: label, owner: reporter,
            participants: reporter == `case`.owner ? `case`.participants : `case`.participants.subtracting([`case`.owner]))
    }

}

/// A finding as one party is shown it: which case it is in, and which finding it duplicated, only when that party
/// may see the case. Ids encode time, so to anyone else they would date the case and the first report; a later
/// reporter learns only that its finding is a duplicate.
public struct PlacedFinding: Sendable {
    public let finding: Finding
    /// Whether the party may know the finding's case.
    public let locatable: Bool

    public init(_ finding: Finding, locatable: Bool) {
        self.finding = finding
        self.locatable = locatable
    }

    /// Places findings for a party: each locatable when the party may read its case.
    ///
    /// - Parameter cases: the findings' cases by id; a finding whose case is missing is not locatable.
    public static func place(
        _ findings: [Finding], cases: [Case.ID: Case], for party: Party, policy: AccessPolicy
    ) -> [PlacedFinding] {
        findings.map { finding in
            PlacedFinding(
                finding, locatable: cases[finding.caseID].map { policy.read($0.visibility, by: party).isGranted } ?? false)
        }
    }
}
