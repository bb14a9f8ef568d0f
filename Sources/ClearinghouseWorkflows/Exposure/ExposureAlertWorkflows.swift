public import ClearinghouseCore
import ClearinghouseStore
public import Foundation
import PackageURL

/// Embargo-safe alerts: while a case is embargoed, a coordinator alerts the organizations whose SBOMs hold a
/// package version the case names, telling each only that a component of its own is affected and what to do; once
/// the case is published, the scheduler alerts every organization the advisory affects, naming it. Each alert goes
/// to its organization alone, by webhook and in its list of alerts, once per case, SBOM and component.
public struct ExposureAlertWorkflows: Sendable {
    let workflows: Workflows
    let exposure: ExposureCatalog

    public init(_ workflows: Workflows, exposure: ExposureCatalog) {
        self.workflows = workflows
        self.exposure = exposure
    }

    /// What an alerting did: alerts sent now, to how many organizations, and how many had been sent before.
    public struct Outcome: Sendable, Hashable {
        public let sent: Int
        public let organizations: Int
        public let alreadySent: Int
    }

    /// Checks that the requester may alert for a case, before a body is read.
    public func authorize(_ found: Case, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .coordinateCases, auditing: .exposureAlert, target: .case(found.id), by: requester)
    }

    /// Alerts, under the case's embargo, the organizations whose SBOMs hold a package version the case's findings
    /// name.
    ///
    /// - Throws: `forbidden` for all but coordinators; `invalid_field` (`instructions`); `conflict` before the
    ///   case is validated, and once it is published (its alerts then go with the advisory).
    public func alertUnderEmbargo(
        _ found: Case, instructions: String, by requester: Requester
    ) async throws
        -> Outcome
    {
        try await authorize(found, by: requester)
        let text = try ExposureAlert.checkedInstructions(instructions)
        let (packages, embargo, published) = try await workflows.store.read { repositories in
            (
                try await repositories.cases.aliasesAndPackages(of: [found.id])[found.id]?.packages ?? [],
                try await repositories.disclosure.embargo(of: found.id),
                try await repositories.publishedAdvisories.find(ofCase: found.id)
            )
        }
        guard published == nil else {
            throw ClearinghouseError(
                .conflict, "The case is published: the organizations it affects were alerted with its advisory.",
                field: "state")
        }
        guard embargo != nil else {
            throw ClearinghouseError(
                .conflict, "The case is `\(found.state.rawValue)`: alerts go out once it is validated.", field: "state")
        }
        let index = exposure.snapshot
        var targets: [(entry: ExposureIndex.Entry, component: String)] = []
        for package in packages.sorted() {
            guard let purl = try? PackageURL(parsing: package) else { continue }
            for (entry, position) in index.components(at: purl) {
                guard case .package(_, _, _, let component) = entry.identities[position] else { continue }
                targets.append((entry, component.description))
            }
        }
        let reached = targets
        let dependencies = workflows.dependencies
        let event = requester.event(
            .exposureAlert, target: .case(found.id), detail: "\(reached.count) components", dependencies: dependencies)
        return try await workflows.commits.commit(event) { repositories in
            var sent: [ExposureAlert] = []
            for target in reached {
                let alert = ExposureAlert(
                    id: dependencies.makeID(), kind: .embargoed, organization: target.entry.organization,
                    sbom: target.entry.id, asset: target.entry.asset, component: target.component, instructions: text,
                    caseID: found.id, advisory: nil, createdAt: dependencies.now())
                if try await repositories.exposureAlerts.insertIfNew(alert) { sent.append(alert) }
            }
            let notices = try await WebhookNotices.enqueue(
                sent.map(WebhookEvent.exposureAlert), repositories: repositories, dependencies: dependencies)
            let outcome = Outcome(
                sent: sent.count, organizations: Set(sent.map(\.organization)).count,
                alreadySent: reached.count - sent.count)
            return Recorded(outcome, outbox: notices)
        }
    }

    /// An alert the requester may read (its organization's; coordinators read every one).
    public func alert(_ id: ExposureAlert.ID, by requester: Requester) async throws -> ExposureAlert {
        let found = try await workflows.store.read { try await $0.exposureAlerts.find(id) }
        guard let found, workflows.gate.mayRead(found.visibility, by: requester) else {
            throw ClearinghouseError.notFound("alert")
        }
        return found
    }

    /// The requester's organization's alerts, newest first.
    public func alerts(_ page: PageRequest, by requester: Requester) async throws -> Page<ExposureAlert> {
        let organization = try requester.member().organizationID
        let store = workflows.store
        return try await VisiblePageCollector<ExposureAlert>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { before, limit in
            try await store.read { try await $0.exposureAlerts.list(of: organization, before: before, limit: limit) }
        }
    }
}

/// Alerts every organization a published advisory affects, through the scheduler: once the advisory is in this
/// node's catalog, each affected component not marked fixed or not affected by VEX gets a `published` alert naming
/// the advisory, and the advisory is marked alerted in the same transaction.
public enum PublicationAlerts {
    public static func job(
        every period: Duration = .seconds(10), exposure: ExposureCatalog, advisories: AdvisoryCatalog
    ) -> ScheduledJob {
        ScheduledJob(name: "exposure.publication_alerts", every: period) { context in
            let pending = try await context.store.read { try await $0.exposureAlerts.unalertedPublications(limit: 50) }
            var sent = 0
            for (advisory, caseID) in pending {
                let osvID = Advisory.ID(rawValue: advisory.osv)
                let index = advisories.snapshot
                // The catalog follows the database; the next run finds what this node has not loaded yet.
                guard index.summary(of: osvID) != nil else { continue }
                let findings = exposure.snapshot.findings(affectedBy: osvID, advisories: index).filter {
                    !$0.isSuppressed
                }
                sent += try await alert(findings, of: advisory, caseID: caseID, context: context)
            }
            return sent == 0 ? nil : "sent \(sent) publication alerts"
        }
    }

    static func alert(
        _ findings: [ExposureFinding], of advisory: AdvisoryID, caseID: Case.ID, context: JobContext
    ) async throws -> Int {
        let dependencies = context.dependencies
        let now = dependencies.now()
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .exposureAlert,
            target: .case(caseID), requestID: nil, outcome: .success, detail: advisory.description)
        return try await context.commits.commit(event) { repositories in
            var sent: [ExposureAlert] = []
            for finding in findings {
                let fixed = finding.fixedVersions
                let instructions =
                    fixed.isEmpty
                    ? "\(advisory) affects \(finding.component.name) \(finding.version); no fixed version is known yet: read the advisory for mitigations."
                    : "\(advisory) affects \(finding.component.name) \(finding.version): upgrade to \(fixed.joined(separator: " or ")) or later."
                let alert = ExposureAlert(
                    id: dependencies.makeID(), kind: .published, organization: finding.organization,
                    sbom: finding.sbom, asset: finding.asset,
                    component: finding.component.purl ?? "\(finding.component.name)@\(finding.version)",
                    instructions: instructions, caseID: caseID, advisory: advisory, createdAt: now)
                if try await repositories.exposureAlerts.insertIfNew(alert) { sent.append(alert) }
            }
            try await repositories.exposureAlerts.markAlerted(advisory, at: now)
            let notices = try await WebhookNotices.enqueue(
                sent.map(WebhookEvent.exposureAlert), repositories: repositories, dependencies: dependencies)
            return Recorded(sent.count, outbox: notices)
        }
    }
}
