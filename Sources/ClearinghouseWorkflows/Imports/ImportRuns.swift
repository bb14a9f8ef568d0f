public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Imports started from the web interface: a coordinator hands over a file, the run is recorded as queued, and the
/// node that received it reads it in the background (``perform(_:data:by:)``), storing its progress as it goes so
/// that the run's page, on any node, shows how far it got and how it ended. What a run stores is what the API's
/// imports store, with the same checks and audit events.
public struct ImportRuns: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Documents read between two reports of progress.
    static let progressEvery = 500

    private static func action(for kind: ImportRun.Kind) -> Action {
        kind == .osv ? .importAdvisories : .importThreatFeeds
    }

    /// Refuses (audited) a requester who may not import this kind of file, before a byte of it is read.
    ///
    /// - Throws: `unauthenticated`; `forbidden` for members who are not a verified coordinator's analysts or admins.
    public func authorize(_ kind: ImportRun.Kind, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            Self.action(for: kind), auditing: .importQueue, target: nil, by: requester)
    }

    /// Records a run, queued on `node`.
    public func queue(
        _ kind: ImportRun.Kind, filename: String?, byteCount: Int, node: String, by requester: Requester
    ) async throws -> ImportRun {
        try await authorize(kind, by: requester)
        let member = try requester.member()
        let dependencies = workflows.dependencies
        let run = ImportRun(
            id: dependencies.makeID(), kind: kind, filename: ImportRun.cleanFilename(filename), byteCount: byteCount,
            organization: member.organizationID, person: requester.actor.personID, node: node,
            createdAt: dependencies.now())
        let event = requester.event(
            .importQueue, target: AuditTarget(type: "import", id: run.id.rawValue),
            detail: "\(kind.rawValue): \(run.filename), \(byteCount) bytes", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.importRuns.insert(run)
            return .nothing
        }
        return run
    }

    /// Reads a queued run's file into the store, reporting progress, and records how it ended. Never throws: a
    /// failure is the run's outcome.
    @discardableResult
    public func perform(_ queued: ImportRun, data: Data, by requester: Requester) async -> ImportRun {
        var run = queued
        run.state = .running
        do {
            try await report(run)
            switch run.kind {
            case .osv:
                let importer = AdvisoryImporter(commits: workflows.commits)
                    .start(actor: requester.actor, requestID: requester.requestID)
                try await importer.add(file: data, format: Self.format(of: run.filename), named: run.filename) {
                    read in
                    guard read % Self.progressEvery == 0 else { return }
                    run.take(importer.summary, read: read)
                    try await report(run)
                }
                let summary = try await importer.finish()
                run.take(summary, read: summary.imported + summary.updated + summary.unchanged + summary.invalid.count)
            case .kev, .epss:
                let importer = ThreatFeedImporter(commits: workflows.commits)
                let result =
                    run.kind == .kev
                    ? try await importer.importKEV(data, actor: requester.actor, requestID: requester.requestID)
                    : try await importer.importEPSS(data, actor: requester.actor, requestID: requester.requestID)
                run.imported = result.added
                run.updated = result.updated
                run.unchanged = result.unchanged
                run.removed = result.removed
                run.processed = result.added + result.updated + result.unchanged
            }
            run.state = .finished
        } catch let error as ClearinghouseError {
            run.state = .failed
            run.failure = Self.bounded(error.message)
        } catch {
            run.state = .failed
            run.failure = Self.bounded("The import stopped: \(error)")
        }
        run.finishedAt = workflows.dependencies.now()
        // The end is recorded even when the store refused a report of progress before; a store that cannot be
        // reached now leaves the run to be shown as interrupted.
        try? await report(run)
        return run
    }

    /// A failure as kept: a file with many problems lists them all, of which the first few thousand characters say
    /// enough.
    static func bounded(_ failure: String) -> String {
        failure.count <= 4_000 ? failure : failure.prefix(4_000) + "\n…"
    }

    /// Records that a queued run will not be read.
    public func abandon(_ queued: ImportRun, because reason: String) async {
        var run = queued
        run.state = .failed
        run.failure = reason
        run.finishedAt = workflows.dependencies.now()
        try? await report(run)
    }

    /// Stores a run's progress, and that the node's other queued runs are still waiting.
    private func report(_ run: ImportRun) async throws {
        var run = run
        run.updatedAt = workflows.dependencies.now()
        try await workflows.store.bookkeeping { [run] repositories in
            try await repositories.importRuns.update(run)
            try await repositories.importRuns.touch(node: run.node, at: run.updatedAt)
        }
    }

    /// How a file of OSV records is written, by its name: a zip archive, YAML, or else JSON.
    static func format(of filename: String) -> AdvisoryImporter.Run.FileFormat {
        let name = filename.lowercased()
        if name.hasSuffix(".zip") { return .zip }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return .yaml }
        return .json
    }

    /// A run, for the organization that started it, and only while the requester may still import its kind.
    ///
    /// - Throws: `not_found` otherwise, as for a run that does not exist.
    public func find(_ id: ImportRun.ID, by requester: Requester) async throws -> ImportRun {
        guard let member = requester.party.member,
            let run = try await workflows.store.read({ try await $0.importRuns.find(id) }),
            run.organization == member.organizationID,
            workflows.gate.policy.authorize(Self.action(for: run.kind), by: requester.party).isGranted
        else { throw ClearinghouseError.notFound("import") }
        return run
    }

    /// The requester's organization's runs, newest first, a page at a time.
    ///
    /// - Throws: `not_found` for a requester who may import nothing.
    public func list(by requester: Requester, before: ImportRun.ID?, limit: Int) async throws -> [ImportRun] {
        guard let member = requester.party.member,
            ImportRun.Kind.allCases.contains(where: {
                workflows.gate.policy.authorize(Self.action(for: $0), by: requester.party).isGranted
            })
        else { throw ClearinghouseError.notFound("imports") }
        return try await workflows.store.read {
            try await $0.importRuns.list(of: member.organizationID, before: before?.rawValue, limit: limit)
        }
    }
}

extension ImportRun {
    /// Takes an OSV import's counts so far.
    mutating func take(_ summary: AdvisoryImportSummary, read: Int) {
        processed = read
        imported = summary.imported
        updated = summary.updated
        unchanged = summary.unchanged
        invalidCount = summary.invalid.count
        invalid = Array(summary.invalid.prefix(Self.maximumReports))
    }
}
