import NIOCore
import Synchronization

/// The TAXII collection's pages as last served, by route and query, valid while this node's catalogs stand at the
/// change they were read at. TAXII clients poll the same pages (`added_after` the last date they saw), and a page
/// changes only when an advisory is published, which moves the catalogs (on the node that published it at once,
/// on the others within the catalogs' lag). Bounded in pages and bytes: when full, it starts again empty.
final class TAXIIPageCache: Sendable {
    struct Page: Sendable {
        /// The body, shared by every response that serves it.
        let body: ByteBuffer
        let headers: [String: String]
    }

    /// Pages kept at most, and their bytes at most (32 MiB: 700 pages of 100 objects).
    static let capacity = 1_024
    static let byteCapacity = 32 << 20
    /// Longer route-and-query keys are not cached (a query the filters accept is far shorter).
    static let maximumKeyLength = 1_024

    private struct State {
        var sequence: Int64 = -1
        var pages: [String: Page] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())

    /// The page served for `key` when the catalogs stood at `sequence`.
    func page(for key: String, at sequence: Int64) -> Page? {
        state.withLock { $0.sequence == sequence ? $0.pages[key] : nil }
    }

    /// Keeps a page read when the catalogs stood at `sequence`; a page of an older sequence is not kept, and a newer
    /// sequence drops every page kept before it.
    func store(_ page: Page, for key: String, at sequence: Int64) {
        guard key.utf8.count <= Self.maximumKeyLength else { return }
        state.withLock { state in
            if sequence > state.sequence { state = State(sequence: sequence) }
            guard sequence == state.sequence, state.pages[key] == nil else { return }
            if state.pages.count >= Self.capacity || state.bytes + page.body.readableBytes > Self.byteCapacity {
                state.pages.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            state.pages[key] = page
            state.bytes += page.body.readableBytes
        }
    }
}
