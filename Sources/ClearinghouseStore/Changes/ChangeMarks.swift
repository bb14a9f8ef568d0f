import Synchronization

/// Whether a write transaction recorded catalog changes, so that the node that committed it brings its own
/// catalogs up to date at once (a client reads its own write) without every workflow having to say so.
final class ChangeMarks: Sendable {
    private let recorded = Atomic<Bool>(false)

    func note() { recorded.store(true, ordering: .relaxed) }

    var any: Bool { recorded.load(ordering: .relaxed) }
}
