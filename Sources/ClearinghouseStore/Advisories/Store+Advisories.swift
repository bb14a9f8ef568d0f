public import ClearinghouseCore
import Foundation

extension Store {
    /// Stores a batch of advisories, each new or newer one with its audit event and its place in the change feed, in
    /// one transaction.
    ///
    /// Within the batch, a later version of an id wins. A batch that races another node's insert of the same id
    /// is retried, so concurrent imports of one archive end with each record once.
    ///
    /// - Parameters:
    ///   - advisories: Valid advisories.
    ///   - actor: Who imports them.
    ///   - requestID: The HTTP request, when there is one.
    ///   - dependencies: The clock and identifiers for the audit events.
    /// - Returns: Each distinct advisory with what happened to it.
    public func importAdvisories(
        _ advisories: [Advisory], actor: AuditActor, requestID: String?, dependencies: Dependencies
    ) async throws -> [(advisory: Advisory, outcome: AdvisoryImportOutcome)] {
        var latest: [Advisory.ID: Advisory] = [:]
        var order: [Advisory.ID] = []
        for advisory in advisories {
            if let held = latest[advisory.id] {
                if advisory.modified >= held.modified { latest[advisory.id] = advisory }
            } else {
                latest[advisory.id] = advisory
                order.append(advisory.id)
            }
        }
        let batch = order.compactMap { latest[$0] }
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await engine.transaction { database in
                    let repositories = Repositories(database)
                    let stored = try await repositories.advisories.modifiedTimes(of: batch.map(\.id))
                    let now = dependencies.now()
                    var results: [(advisory: Advisory, outcome: AdvisoryImportOutcome)] = []
                    for advisory in batch {
                        let outcome = AdvisoryImportOutcome.decide(
                            incoming: advisory.modified, stored: stored[advisory.id])
                        switch outcome {
                        case .imported: try await repositories.advisories.insert(advisory, at: now)
                        case .updated: try await repositories.advisories.replace(advisory, at: now)
                        case .unchanged: break
                        }
                        if outcome != .unchanged {
                            try await repositories.audit.append(
                                AuditEvent(
                                    id: dependencies.makeID(), occurredAt: now, actor: actor,
                                    action: outcome == .imported ? .advisoryImport : .advisoryUpdate,
                                    target: .advisory(advisory.id), requestID: requestID, outcome: .success,
                                    detail: "modified \(advisory.record.modified)"))
                        }
                        results.append((advisory, outcome))
                    }
                    try await repositories.changes.record(
                        .advisory, ids: results.filter { $0.outcome != .unchanged }.map(\.advisory.id.rawValue),
                        at: now)
                    return results
                }
            } catch let error where engine.isUniqueViolation(error) && attempt < 3 {
                continue
            }
        }
    }
}
