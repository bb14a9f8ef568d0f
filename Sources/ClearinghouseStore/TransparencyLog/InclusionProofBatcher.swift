import Synchronization
public import TransparencyLog

/// Serves inclusion proofs asked for one at a time by reading them in batches: requests that arrive while a read
/// is running wait for the next one, which serves them all with one query.
///
/// A database round trip costs far more than the proof it carries (see docs/performance.md), so under load this
/// turns many round trips into few; an idle server answers a lone request with one read and no added delay.
public final class InclusionProofBatcher: Sendable {
    private struct Request {
        let index: UInt64
        let treeSize: UInt64
        let continuation: CheckedContinuation<(leafHash: MerkleHash, proof: [MerkleHash]), any Error>
    }

    private struct State {
        var queue: [Request] = []
        var runningReads = 0
    }

    private let store: Store
    private let concurrentReads: Int
    private let state = Mutex(State())

    /// The most proofs one read serves.
    static let maximumBatch = 1_000

    /// - Parameters:
    ///   - store: Where the log is.
    ///   - concurrentReads: How many batched reads may run at once.
    public init(store: Store, concurrentReads: Int = 2) {
        self.store = store
        self.concurrentReads = max(1, concurrentReads)
    }

    /// The leaf hash of entry `index` and its inclusion proof in the tree of `treeSize`; the caller checks that
    /// the tree is within the log.
    ///
    /// - Throws: `ProofError.outOfRange` when `index` is not below `treeSize`.
    public func proof(index: UInt64, treeSize: UInt64) async throws -> (leafHash: MerkleHash, proof: [MerkleHash]) {
        try await withCheckedThrowingContinuation { continuation in
            let startsRead = state.withLock { state in
                state.queue.append(Request(index: index, treeSize: treeSize, continuation: continuation))
                guard state.runningReads < concurrentReads else { return false }
                state.runningReads += 1
                return true
            }
            if startsRead {
                Task { await self.drain() }
            }
        }
    }

    /// Serves queued requests, a batch per read, until none are left.
    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Request] in
                let taken = Array(state.queue.prefix(Self.maximumBatch))
                state.queue.removeFirst(taken.count)
                if taken.isEmpty {
                    state.runningReads -= 1
                }
                return taken
            }
            guard !batch.isEmpty else { return }
            for (treeSize, group) in Dictionary(grouping: batch, by: \.treeSize) {
                // A request for an entry beyond its tree fails alone, not with the others of its read.
                var requests: [Request] = []
                for request in group {
                    if request.index < treeSize {
                        requests.append(request)
                    } else {
                        request.continuation.resume(
                            throwing: ProofError.outOfRange(
                                "leaf index \(request.index) is not below tree size \(treeSize)"))
                    }
                }
                guard !requests.isEmpty else { continue }
                let indexes = requests.map(\.index)
                do {
                    let proofs = try await store.read {
                        try await $0.log.leafHashesAndInclusionProofs(indexes: indexes, treeSize: treeSize)
                    }
                    for (request, proof) in zip(requests, proofs) {
                        request.continuation.resume(returning: proof)
                    }
                } catch {
                    for request in requests {
                        request.continuation.resume(throwing: error)
                    }
                }
            }
        }
    }
}
