public import ClearinghouseCore
public import ClearinghouseStore
import Synchronization

/// The open cases in memory, with what the priority queue weighs about each: the names their findings carry
/// (aliases and Package URLs) and the SSVC decisions about them. The queue is ranked on every request, so holding
/// its largest input here spares each request reading every open case, its participants, findings and decisions.
///
/// A case joins when it is opened and leaves when it is settled (``PriorityBoard/settledStates``) or merged.
public final class OpenCaseCatalog: Catalog {
    /// One open case and what the queue needs about it.
    public struct Entry: Sendable {
        public let `case`: Case
        public let aliases: Set<String>
        public let packages: Set<String>
        /// Oldest first.
        public let decisions: [SSVCDecision]
    }

    private let entries = Mutex([Case.ID: Entry]())

    public init() {}

    public let name = "open_cases"
    public let topics: Set<ChangeTopic> = [.case]
    public var count: Int { entries.withLock { $0.count } }

    /// The open cases, in id order.
    public var snapshot: [Entry] {
        entries.withLock { Array($0.values) }.sorted { $0.case.id < $1.case.id }
    }

    public func load(from repositories: Repositories) async throws {
        let cases = try await repositories.cases.list(excluding: PriorityBoard.settledStates)
        let loaded = try await Self.entries(of: cases, from: repositories)
        entries.withLock { $0 = loaded }
    }

    public func apply(
        _ changed: [ChangeTopic: [String]], prepared: [any PreparedRecord], from repositories: Repositories
    ) async throws {
        let ids = Set((changed[.case] ?? []).compactMap { Case.ID($0) })
        let open = try await repositories.cases.find(ids).values.filter {
            $0.mergedInto == nil && !PriorityBoard.settledStates.contains($0.state)
        }
        let current = try await Self.entries(of: Array(open), from: repositories)
        entries.withLock { entries in
            for id in ids { entries[id] = current[id] }
        }
    }

    private static func entries(of cases: [Case], from repositories: Repositories) async throws -> [Case.ID: Entry] {
        let names = try await repositories.cases.aliasesAndPackages(of: cases.map(\.id))
        let decisions = try await repositories.priorities.decisions(about: cases.map { PrioritySubject.case($0.id) })
        var entries: [Case.ID: Entry] = [:]
        entries.reserveCapacity(cases.count)
        for found in cases {
            entries[found.id] = Entry(
                case: found, aliases: names[found.id]?.aliases ?? [], packages: names[found.id]?.packages ?? [],
                decisions: decisions[.case(found.id)] ?? [])
        }
        return entries
    }
}
