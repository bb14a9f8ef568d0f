public import ClearinghouseCore
import ClearinghouseStore
import Foundation

/// What the CSAF provider directory reads: every published advisory's place in it, and the advisory at a place.
/// Every published advisory is public (TLP:WHITE).
public struct CSAFProviderWorkflows: Sendable {
    let workflows: Workflows

    /// Advisories read per query while listing them all.
    static let pageSize = 500

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Every published advisory's entry, newest id first, read without the drafts.
    public func entries() async throws -> [CSAFProviderLayout.Entry] {
        var entries: [CSAFProviderLayout.Entry] = []
        var cursor: AdvisoryID?
        while true {
            let page = try await workflows.store.read { [cursor] in
                try await $0.publishedAdvisories.listed(before: cursor, limit: Self.pageSize)
            }
            entries += page.map { CSAFProviderLayout.Entry(id: $0.id, published: $0.published) }
            guard page.count == Self.pageSize, let last = page.last else { return entries }
            cursor = last.id
        }
    }

    /// The advisory a directory path names (`2026/chx-2026-0001.json`), when that is exactly its path.
    public func advisory(at path: String) async throws -> AdvisoryDraft? {
        guard path.hasSuffix(".json"), let name = path.split(separator: "/").last,
            let id = try? AdvisoryID(parsing: name.dropLast(".json".count).uppercased()),
            let draft = try await workflows.store.read({ try await $0.publishedAdvisories.find(id) }),
            CSAFProviderLayout.Entry(draft).path == path
        else { return nil }
        return draft
    }
}
