import ClearinghouseCore
import JSONSupport
import Synchronization

/// Each published advisory's STIX `vulnerability` object as canonical JSON, by advisory id. A published advisory
/// never changes, so each node writes an object once and serves its text in every page that lists it, without
/// reading the advisory again. Bounded in objects and bytes: when full, it starts again empty.
final class STIXObjectCache: Sendable {
    /// Objects kept at most, and their bytes at most (64 MiB: about 140,000 objects of 450 bytes).
    static let capacity = 150_000
    static let byteCapacity = 64 << 20

    private struct State {
        var objects: [AdvisoryID: String] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())

    /// The objects of these advisories, in their order; `load` reads the drafts of those not kept yet. An advisory
    /// `load` does not find is left out.
    func objects(
        _ ids: [AdvisoryID], load: ([AdvisoryID]) async throws -> [AdvisoryID: AdvisoryDraft]
    ) async throws -> [String] {
        var found = state.withLock { state in
            Dictionary(ids.compactMap { id in state.objects[id].map { (id, $0) } }) { kept, _ in kept }
        }
        let missing = ids.filter { found[$0] == nil }
        if !missing.isEmpty {
            let written = try await load(missing).mapValues { $0.stixVulnerability().canonicalText }
            found.merge(written) { kept, _ in kept }
            state.withLock { state in
                for (id, text) in written where state.objects[id] == nil {
                    if state.objects.count >= Self.capacity || state.bytes + text.utf8.count > Self.byteCapacity {
                        state = State()
                    }
                    state.objects[id] = text
                    state.bytes += text.utf8.count
                }
            }
        }
        return ids.compactMap { found[$0] }
    }
}
