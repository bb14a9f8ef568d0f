public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// What a requester may read of advisories, as the OSV API answers: only published advisories it may see
/// (anonymous requesters see TLP:CLEAR ones), found in this node's catalog, paged by opaque tokens.
public struct AdvisoryQueries: Sendable {
    let workflows: Workflows
    let catalog: AdvisoryCatalog
    /// Advisories per page of a query.
    let pageSize: Int

    public init(_ workflows: Workflows, catalog: AdvisoryCatalog, pageSize: Int) {
        self.workflows = workflows
        self.catalog = catalog
        self.pageSize = pageSize
    }

    /// The stored records of one page of the advisories affecting a query, and the next page's token.
    ///
    /// - Parameter field: the name of the page token's field, for errors.
    public func records(for query: AdvisoryQuery, pageToken: String?, field: String, by requester: Requester)
        async throws -> (records: [Data], next: String?)
    {
        let found = catalog.snapshot.advisories(for: query, visibleTo: requester.party, policy: workflows.gate.policy)
        let (page, next) = try self.page(found, token: pageToken, field: field)
        let documents = try await workflows.store.read { try await $0.advisories.documents(page.map(\.id)) }
        return (documents.map(\.1), next)
    }

    /// For each query in order, one page of the advisories affecting it (ids and modified times), and the next
    /// page's token. Every query is answered from one snapshot of the catalog.
    public func summaries(for queries: [(query: AdvisoryQuery, pageToken: String?)], by requester: Requester) throws
        -> [(summaries: [AdvisoryIndex.Summary], next: String?)]
    {
        let index = catalog.snapshot
        let policy = workflows.gate.policy
        var results: [(summaries: [AdvisoryIndex.Summary], next: String?)] = []
        results.reserveCapacity(queries.count)
        for (position, (query, token)) in queries.enumerated() {
            let found = index.advisories(for: query, visibleTo: requester.party, policy: policy)
            results.append(try page(found, token: token, field: "queries[\(position)].page_token"))
        }
        return results
    }

    /// A published advisory the requester may see, from this node's catalog; `nil` when it does not exist, is a
    /// draft, or the access policy hides it.
    public func visibleSummary(of id: Advisory.ID, by requester: Requester) -> AdvisoryIndex.Summary? {
        guard let summary = catalog.snapshot.summary(of: id), summary.isPublished,
            workflows.gate.mayRead(summary.visibility, by: requester)
        else { return nil }
        return summary
    }

    /// One published advisory's stored record.
    ///
    /// - Throws: `not_found` when it does not exist, is a draft, or the access policy hides it.
    public func record(_ id: Advisory.ID, by requester: Requester) async throws -> Data {
        guard visibleSummary(of: id, by: requester) != nil,
            let document = try await workflows.store.read({ try await $0.advisories.documents([id]) }).first
        else {
            throw ClearinghouseError.notFound("vulnerability")
        }
        return document.1
    }

    /// One page of what a query found (in id order), after the position a page token marks, and the token of the
    /// next page. Tokens are the project's opaque cursors; a bad one names the query's field.
    func page(_ found: [AdvisoryIndex.Summary], token: String?, field: String) throws(ClearinghouseError)
        -> (summaries: [AdvisoryIndex.Summary], next: String?)
    {
        var start = 0
        if let token, !token.isEmpty {
            let after: String
            do {
                after = try Cursor.decode(token)
            } catch {
                throw .invalidField(field, "is not a page token this server issued.")
            }
            start = found.firstIndex { $0.id.rawValue > after } ?? found.count
        }
        let end = min(found.count, start + pageSize)
        let page = Array(found[start..<end])
        return (page, end < found.count ? page.last.map { Cursor.encode($0.id.rawValue) } : nil)
    }
}
