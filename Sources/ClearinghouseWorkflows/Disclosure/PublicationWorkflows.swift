public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation
import PackageURL

/// Publishing a case: once its embargo allows, a coordinator publishes it as an advisory with the next id of the
/// instance's prefix. In one transaction the advisory joins the OSV API on every node, the embargo is lifted, the
/// case becomes `disclosed`, and the log gets a public entry with the digest of the OSV document.
public struct PublicationWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// A published advisory by id; every advisory published is public.
    public func advisory(_ id: AdvisoryID) async throws -> AdvisoryDraft? {
        try await workflows.store.read { try await $0.publishedAdvisories.find(id) }
    }

    /// The advisory a case was published as. The caller has checked that the requester may see the case.
    public func advisory(of found: Case) async throws -> AdvisoryDraft? {
        try await workflows.store.read { try await $0.publishedAdvisories.find(ofCase: found.id) }
    }

    /// Published advisories, newest first.
    public func advisories(before cursor: AdvisoryID?, limit: Int) async throws -> [AdvisoryDraft] {
        try await workflows.store.read { try await $0.publishedAdvisories.list(before: cursor, limit: limit) }
    }

    /// Published advisories in the order they were added, after a position in that order, without their drafts
    /// (for TAXII).
    public func listings(
        after position: PublishedAdvisoryRepository.AddedPosition?, limit: Int
    ) async throws -> [PublishedAdvisoryRepository.Listing] {
        try await workflows.store.read { try await $0.publishedAdvisories.added(after: position, limit: limit) }
    }

    /// The drafts of these published advisories, by id.
    public func advisories(_ ids: [AdvisoryID]) async throws -> [AdvisoryID: AdvisoryDraft] {
        try await workflows.store.read { try await $0.publishedAdvisories.find(ids) }
    }

    /// The advisory whose STIX `vulnerability` object has this id.
    public func advisory(stixID: String) async throws -> AdvisoryDraft? {
        try await workflows.store.read { try await $0.publishedAdvisories.find(stixID: stixID) }
    }

    /// Checks that the requester may publish cases, before the body is read.
    public func authorize(_ found: Case, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .publishCase, auditing: .advisoryPublish, target: .case(found.id), by: requester)
    }

    /// Publishes a case as an advisory.
    ///
    /// - Parameter words: the summary (the case's title when it gives none) and the details.
    /// - Returns: the advisory.
    /// - Throws: `forbidden` for all but coordinators; `conflict` when the case is not validated, was merged or
    ///   published already, or its embargo still holds; `invalid_field` for a package no OSV client could match.
    public func publish(
        _ found: Case, _ words: PublicationRequest, by requester: Requester
    ) async throws
        -> AdvisoryDraft
    {
        try await authorize(found, by: requester)
        let member = try requester.member()
        let summary = words.summary ?? found.title
        let details = words.details
        let dependencies = workflows.dependencies
        let prefix = workflows.settings.advisoryPrefix
        let policy = workflows.settings.embargoPolicy
        let event = requester.event(.advisoryPublish, target: .case(found.id), dependencies: dependencies)
        return try await workflows.commits.commit(event) { repositories in
            let now = dependencies.now()
            let current = try await Self.publishable(found.id, repositories: repositories)
            // A case validated before embargoes existed gets the policy's now, which then holds (and is logged).
            let opened = try await EmbargoWorkflows.open(
                for: current, at: now, policy: policy, repositories: repositories, dependencies: dependencies)
            guard var embargo = try await repositories.disclosure.embargo(of: current.id, locking: true) else {
                throw ClearinghouseError.notFound("case")
            }
            guard embargo.allowsPublication(at: now) else {
                throw ClearinghouseError(
                    .conflict,
                    "The embargo holds until \(embargo.publicDate); a coordinator may end it early when the vulnerability is exploited."
                )
            }
            let id = try await repositories.publishedAdvisories.nextID(
                prefix: prefix, year: Calendar.utc.component(.year, from: now))
            let draft = try await Self.draft(
                of: current, id: id, summary: summary, details: details, publisher: member.organizationID, at: now,
                repositories: repositories)
            let document = try draft.osvDocument()
            let advisory = try Advisory(
                record: try draft.osvRecord(), visibility: Visibility(label: .clear, owner: nil), isPublished: true)
            try await repositories.advisories.insert(advisory, at: now)
            try await repositories.changes.record(.advisory, ids: [advisory.id.rawValue], at: now)
            try await repositories.publishedAdvisories.insert(draft, of: current.id)

            let known = embargo.changes.count
            try embargo.lift(by: member.organizationID, now: now)
            try await repositories.disclosure.update(embargo, knownChanges: known)
            let transition = CaseTransition(
                id: dependencies.makeID(), caseID: current.id, from: current.state, to: .disclosed,
                actor: requester.actor, reason: "published as \(draft.id)", occurredAt: now)
            try await repositories.cases.apply(transition)
            var log = [opened, .caseTransitioned(transition, of: current, dependencies: dependencies)].compactMap { $0 }
            log += embargo.changes.dropFirst(known).map { .embargoChanged($0, of: current, dependencies: dependencies) }
            log.append(.advisoryPublished(draft.id, osvDocument: document, at: now))
            let notices = try await WebhookNotices.enqueue(
                [.advisoryPublished(draft)], repositories: repositories, dependencies: dependencies)
            return Recorded(draft, log: log, outbox: notices)
        }
    }

    /// What publishing the case would write now, for a coordinator to check first: the next id (not taken), the
    /// case's title as the summary, a placeholder for the details, and everything the case holds. Only those who
    /// may publish see it; to others the case is as missing.
    ///
    /// - Throws: `not_found` for a requester who may not publish, or a case already published or merged.
    public func preview(_ found: Case, by requester: Requester) async throws -> AdvisoryDraft {
        let member = try requester.member()
        guard workflows.gate.policy.authorize(.publishCase, by: requester.party).isGranted, found.mergedInto == nil
        else { throw ClearinghouseError.notFound("case") }
        let now = workflows.dependencies.now()
        let prefix = workflows.settings.advisoryPrefix
        return try await workflows.store.read { repositories in
            guard try await repositories.publishedAdvisories.find(ofCase: found.id) == nil else {
                throw ClearinghouseError.notFound("case")
            }
            let id = try await repositories.publishedAdvisories.peekNextID(
                prefix: prefix, year: Calendar.utc.component(.year, from: now))
            return try await Self.draft(
                of: found, id: id, summary: found.title, details: "The details the coordinator writes when publishing.",
                publisher: member.organizationID, at: now, repositories: repositories)
        }
    }

    /// The case, read again in the transaction, if it may be published: validated (or being fixed), not merged,
    /// not published yet.
    private static func publishable(_ id: Case.ID, repositories: Repositories) async throws -> Case {
        guard let current = try await repositories.cases.find(id) else { throw ClearinghouseError.notFound("case") }
        if let published = try await repositories.publishedAdvisories.find(ofCase: id) {
            throw ClearinghouseError(.conflict, "The case was published as \(published.id).")
        }
        if let target = current.mergedInto {
            throw ClearinghouseError(.conflict, "The case was merged into case \(target); publish that one.")
        }
        guard [.validated, .remediating, .fixed].contains(current.state) else {
            throw ClearinghouseError(
                .conflict,
                "Only a validated case is published; this one is `\(current.state.rawValue)`. Validators reproduce it first.",
                field: "state")
        }
        return current
    }

    /// The advisory a case publishes: the next id, the case's aliases, the packages its findings name with the
    /// fixes recorded, the vendors' statements, the finder, the vendors that fixed it and the publishing
    /// coordinator credited.
    private static func draft(
        of current: Case, id: AdvisoryID, summary: String, details: String, publisher: Organization.ID, at now: Date,
        repositories: Repositories
    ) async throws -> AdvisoryDraft {
        let named = try await repositories.cases.aliasesAndPackages(of: [current.id])[current.id]
        let fixes = try await repositories.caseFixes.fixes(of: current.id)
        let statuses = try await repositories.disclosure.statuses(of: current.id)
        let organizations = try await repositories.organizations.find(
            Set(fixes.map(\.organization)).union(statuses.map(\.organization)).union([current.owner, publisher]))
        var credits: [AdvisoryDraft.Credit] = []
        func credit(_ organization: Organization.ID, _ kind: AdvisoryDraft.Credit.Kind) {
            guard let name = organizations[organization]?.name,
                !credits.contains(where: { $0.name == name && $0.kind == kind })
            else { return }
            credits.append(AdvisoryDraft.Credit(name: name, kind: kind))
        }
        credit(current.owner, .finder)
        for fix in fixes where organizations[fix.organization]?.kind == .vendor {
            credit(fix.organization, .remediationDeveloper)
        }
        credit(publisher, .coordinator)
        return AdvisoryDraft(
            id: id, summary: summary, details: details, aliases: (named?.aliases ?? []).sorted(),
            affected: affected(named: named?.packages ?? [], fixes: fixes), credits: credits,
            references: references(fixes),
            vendorStatements: vendorStatements(statuses, of: current, fixes: fixes, organizations: organizations),
            published: now, modified: now)
    }

    /// The statuses the vendors still on the case gave, by vendor name.
    static func vendorStatements(
        _ statuses: [ParticipantStatus], of current: Case, fixes: [CaseFix],
        organizations: [Organization.ID: Organization]
    ) -> [AdvisoryDraft.VendorStatement] {
        let fixers = Set(fixes.map(\.organization))
        return statuses.compactMap { given -> AdvisoryDraft.VendorStatement? in
            guard current.participants.contains(given.organization),
                let vendor = organizations[given.organization], vendor.kind == .vendor
            else { return nil }
            return AdvisoryDraft.VendorStatement(
                vendor: vendor.name, status: given.status, justification: given.justification,
                statement: given.statement, recordedFix: fixers.contains(given.organization))
        }.sorted { $0.vendor < $1.vendor }
    }

    /// Each package the findings name, without its version, affected until each fixed version recorded for it (or
    /// with no fix yet); packages only a fix names are listed too.
    static func affected(named: Set<String>, fixes: [CaseFix]) -> [AdvisoryDraft.AffectedPackage] {
        var fixed: [String: [(purl: PackageURL, fix: CaseFix, version: String)]] = [:]
        for fix in fixes {
            guard case .package(let purl) = fix.target, let version = purl.version, let base = unversioned(purl) else {
                continue
            }
            fixed[base.description, default: []].append((base, fix, version))
        }
        var packages: [String: PackageURL] = [:]
        for text in named {
            if let purl = try? PackageURL(parsing: text), let base = unversioned(purl) {
                packages[base.description] = base
            }
        }
        for (key, entries) in fixed { packages[key] = entries.first?.purl }
        return packages.keys.sorted().flatMap { key -> [AdvisoryDraft.AffectedPackage] in
            guard let purl = packages[key] else { return [] }
            guard let entries = fixed[key] else { return [AdvisoryDraft.AffectedPackage(purl: purl)] }
            return entries.map {
                AdvisoryDraft.AffectedPackage(purl: purl, introduced: $0.fix.introduced, fixed: $0.version)
            }
        }
    }

    /// The commits that fix it, as links, for repositories reached over `https`.
    static func references(_ fixes: [CaseFix]) -> [AdvisoryDraft.Reference] {
        fixes.compactMap { fix in
            guard case .repository(let url, let commit?) = fix.target, url.lowercased().hasPrefix("https://") else {
                return nil
            }
            var base = url
            while base.hasSuffix("/") { base.removeLast() }
            if base.lowercased().hasSuffix(".git") { base.removeLast(4) }
            return AdvisoryDraft.Reference(kind: .fix, url: "\(base)/commit/\(commit)")
        }
    }

    private static func unversioned(_ purl: PackageURL) -> PackageURL? {
        try? PackageURL(type: purl.type, namespace: purl.namespace, name: purl.name, version: nil)
    }
}
