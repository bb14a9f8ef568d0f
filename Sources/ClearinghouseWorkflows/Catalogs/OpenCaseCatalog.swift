public import ClearinghouseCore
public import ClearinghouseStore
import Synchronization

/// The open cases in memory, each with what the priority queue weighs about it (``PriorityBoard/OpenCase``: the
/// names its findings carry and the SSVC decisions about it). The queue is ranked on every request, so holding its
/// largest input here spares each request reading every open case, its participants, findings and decisions.
///
/// A case joins when it is opened and leaves when it is settled (``PriorityBoard/settledStates``) or merged.
public final class OpenCaseCatalog: Catalog {
    private struct Held {
        var cases: [Case.ID: PriorityBoard.OpenCase] = [:]
        /// The cases in id order, made again on the first read after a change.
        var ordered: [PriorityBoard.OpenCase]?
    }

    private let held = Mutex(Held())

    public init() {}

    public let name = "open_cases"
    public let topics: Set<ChangeTopic> = [.case]
    public var count: Int { held.withLock { $0.cases.count } }

    /// The open cases, in id order.
    public var snapshot: [PriorityBoard.OpenCase] {
        held.withLock { held in
            if let ordered = held.ordered { return ordered }
            let ordered = held.cases.values.sorted { $0.case.id < $1.case.id }
            held.ordered = ordered
            return ordered
        }
    }

    public func load(from repositories: Repositories) async throws {
        let cases = try await repositories.cases.list(excluding: PriorityBoard.settledStates)
        let loaded = try await Self.openCases(cases, from: repositories)
        held.withLock { $0 = Held(cases: loaded) }
    }

    public func apply(
        _ changed: [ChangeTopic: [String]], prepared: [any PreparedRecord], from repositories: Repositories
    ) async throws {
        let ids = Set((changed[.case] ?? []).compactMap { Case.ID($0) })
        let open = try await repositories.cases.find(ids).values.filter {
            $0.mergedInto == nil && !PriorityBoard.settledStates.contains($0.state)
        }
        let current = try await Self.openCases(Array(open), from: repositories)
        held.withLock { held in
            for id in ids { held.cases[id] = current[id] }
            held.ordered = nil
        }
    }

    static func openCases(
        _ cases: [Case], from repositories: Repositories
    ) async throws
        -> [Case.ID: PriorityBoard.OpenCase]
    {
        let names = try await repositories.cases.aliasesAndPackages(of: cases.map(\.id))
        let decisions = try await repositories.priorities.decisions(about: cases.map { PrioritySubject.case($0.id) })
        var open: [Case.ID: PriorityBoard.OpenCase] = [:]
        open.reserveCapacity(cases.count)
        for found in cases {
            open[found.id] = PriorityBoard.OpenCase(
                found, aliases: names[found.id]?.aliases ?? [], packages: names[found.id]?.packages ?? [],
                decisions: decisions[.case(found.id)] ?? [])
        }
        return open
    }
}
