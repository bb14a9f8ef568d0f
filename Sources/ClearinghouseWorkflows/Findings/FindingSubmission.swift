public import ClearinghouseCore
import ClearinghouseStore
import PackageURL
public import TLP

/// Finding intake: drafts read from SARIF, OSV, CSAF or native JSON fold into cases by their fingerprints
/// (``FindingIntake``), committed with the submission's audit event and the log entry that credits first finders.
public struct FindingSubmission: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Checks that the requester may submit findings, before the document is read.
    public func authorize(by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .submitFindings, auditing: .findingSubmit, target: nil, by: requester)
    }

    /// Submits drafts.
    ///
    /// - Parameters:
    ///   - format: the document's format, for the audit trail.
    ///   - label: the label of the cases the findings open.
    /// - Returns: each finding as stored; its case and the finding it duplicates only where the requester may see
    ///   that case.
    /// - Throws: `invalid_field` when a draft cites an artifact the requester's organization has not uploaded;
    ///   `quota_exceeded` or `invalid_field` when its intake policy refuses the submission; `invalid_field` when a
    ///   draft goes against the preferences its package's maintainers published (a proof artifact, no AI agents).
    public func submit(_ drafts: [FindingDraft], format: String, label: TLPLabel, by requester: Requester)
        async throws -> [PlacedFinding]
    {
        let member = try requester.member()
        try await authorize(by: requester)
        try await checkArtifacts(of: drafts, uploadedBy: member.organizationID)
        try await checkMaintainerPreferences(of: drafts)
        let dependencies = workflows.dependencies
        let intake = FindingIntake(
            reporter: member.organizationID, actor: requester.actor, label: label, dependencies: dependencies)
        let event = requester.event(
            .findingSubmit, target: nil, detail: "\(drafts.count) findings (\(format))", dependencies: dependencies)
        let submission = FindingIntake.Submission(drafts)
        let findings = try await workflows.commits.commit(event) { repositories in
            let (plan, credit) = try await repositories.fold(submission, through: intake)
            return Recorded(plan.findings, log: credit.map { [$0] } ?? [])
        }
        let cases = try await workflows.store.read { try await $0.cases.find(Set(findings.map(\.caseID))) }
        return PlacedFinding.place(findings, cases: cases, for: requester.party, policy: workflows.gate.policy)
    }

    /// Refuses drafts that go against the preferences the maintainers of their packages published.
    private func checkMaintainerPreferences(of drafts: [FindingDraft]) async throws {
        let purls = drafts.compactMap { draft -> PackageURL? in
            if case .package(let purl)? = draft.target { purl } else { nil }
        }
        guard !purls.isEmpty else { return }
        let maintainers = try await workflows.store.read { try await $0.scanPreferences.maintainers(of: purls) }
        for (index, draft) in drafts.enumerated() {
            if let (field, reason) = MaintainerPreferences.refusal(of: draft, by: maintainers) {
                throw ClearinghouseError.invalidField(drafts.count > 1 ? "findings[\(index)].\(field)" : field, reason)
            }
        }
    }

    /// Refuses drafts that cite artifacts their reporter has not uploaded (unknown and others' look the same).
    private func checkArtifacts(of drafts: [FindingDraft], uploadedBy organization: Organization.ID) async throws {
        let cited = Set(drafts.flatMap(\.artifacts))
        guard !cited.isEmpty else { return }
        let uploaded = try await workflows.store.read {
            try await $0.artifacts.digests(cited, uploadedBy: organization)
        }
        if let missing = cited.subtracting(uploaded).min() {
            throw ClearinghouseError.invalidField(
                "artifacts",
                "The artifact `\(missing)` is not one your organization uploaded; upload it with `POST /v1/artifacts` first."
            )
        }
    }
}
