public import Foundation
public import TransparencyLog

/// Checks a Clearinghouse transparency log from outside, trusting nothing but the log's verifier key: the
/// checkpoint's signature, its consistency with a checkpoint seen before, and the inclusion of entries.
public struct LogVerifier: Sendable {
    /// A checkpoint whose signature verified, with the note it came in.
    public struct VerifiedCheckpoint: Sendable, Equatable {
        public let checkpoint: Checkpoint
        public let note: String
    }

    /// An entry whose inclusion verified.
    public struct IncludedEntry: Sendable, Equatable {
        public let index: UInt64
        /// The leaf's bytes, exactly as hashed.
        public let data: Data
        public let kind: String
    }

    public let key: NoteVerifier
    public let source: any LogSource

    public init(key: NoteVerifier, source: any LogSource) {
        self.key = key
        self.source = source
    }

    /// Fetches the latest checkpoint and checks its signature and origin.
    public func fetchCheckpoint() async throws(LogVerificationFailure) -> VerifiedCheckpoint {
        let body = try await fetch("/v1/log/checkpoint")
        return try open(String(decoding: body, as: UTF8.self))
    }

    /// Checks a signed note against the key: a signature by the key, over a checkpoint whose origin is the key's
    /// name.
    public func open(_ note: String) throws(LogVerificationFailure) -> VerifiedCheckpoint {
        do {
            let signed = try SignedNote(parsing: note)
            _ = try signed.verify(with: [key])
            let checkpoint = try Checkpoint(text: signed.text)
            guard checkpoint.origin == key.name else {
                throw LogVerificationFailure.badSignature(
                    "the checkpoint's origin is `\(checkpoint.origin)`, but the key is for `\(key.name)`")
            }
            return VerifiedCheckpoint(checkpoint: checkpoint, note: note)
        } catch let error as LogVerificationFailure {
            throw error
        } catch {
            throw .badSignature("the checkpoint does not verify with the key of \(key.name): \(error)")
        }
    }

    /// Checks that `newer` extends `older`: same root at the same size, or a valid consistency proof.
    public func checkConsistency(
        from older: Checkpoint, to newer: Checkpoint
    ) async throws(LogVerificationFailure) {
        guard older.size <= newer.size else {
            throw .inconsistentHistory(
                "the log now has \(newer.size) entries, fewer than the \(older.size) of a checkpoint it signed before")
        }
        guard older.size > 0 else { return }
        if older.size == newer.size {
            guard older.root == newer.root else {
                throw .inconsistentHistory("two checkpoints of size \(older.size) have different roots")
            }
            return
        }
        let response: ConsistencyResponse = try await fetchJSON(
            "/v1/log/proof/consistency?first=\(older.size)&second=\(newer.size)")
        let proof = try hashes(response.consistency_path, what: "consistency_path")
        do {
            try ConsistencyProof.verify(
                first: older.size, second: newer.size, firstRoot: older.root, secondRoot: newer.root, proof: proof)
        } catch {
            throw .inconsistentHistory(
                "the tree of size \(newer.size) does not extend the one of size \(older.size) remembered before (\(error))"
            )
        }
    }

    /// Fetches an entry and checks that it is in the tree of `checkpoint`.
    public func checkInclusion(
        of index: UInt64, in checkpoint: Checkpoint
    ) async throws(LogVerificationFailure) -> IncludedEntry {
        guard index < checkpoint.size else {
            throw .entryNotIncluded(index: index, reason: "the signed tree has only \(checkpoint.size) entries")
        }
        let page: EntriesResponse = try await fetchJSON("/v1/log/entries?start=\(index)&end=\(index + 1)")
        guard let entry = page.entries.first, entry.index == index, let data = Data(base64Encoded: entry.data) else {
            throw .entryNotIncluded(index: index, reason: "the log did not serve the entry")
        }
        let response: InclusionResponse = try await fetchJSON(
            "/v1/log/proof/inclusion?index=\(index)&tree_size=\(checkpoint.size)")
        let proof = try hashes(response.inclusion_path, what: "inclusion_path")
        do {
            try InclusionProof.verify(
                leafHash: .leaf(data), index: index, treeSize: checkpoint.size, proof: proof, root: checkpoint.root)
        } catch {
            throw .entryNotIncluded(
                index: index,
                reason: "its data does not hash into the signed root of size \(checkpoint.size) (\(error))")
        }
        return IncludedEntry(index: index, data: data, kind: entry.kind)
    }

    /// What one run of the verifier established.
    public struct Report: Sendable, Equatable {
        /// The latest checkpoint, to remember for the next run.
        public let checkpoint: VerifiedCheckpoint
        /// The size of the remembered checkpoint it was shown consistent with, if there was one.
        public let consistentWith: UInt64?
        public let entries: [IncludedEntry]
    }

    /// Fetches and checks the latest checkpoint, its consistency with `remembered` (a note this verifier
    /// accepted before), and the inclusion of `entries`.
    public func verify(remembered: String?, entries: [UInt64]) async throws(LogVerificationFailure) -> Report {
        let previous: VerifiedCheckpoint?
        do {
            previous = try remembered.map { (note) throws(LogVerificationFailure) in try open(note) }
        } catch {
            throw .unreadableState("the remembered checkpoint does not verify with this key (\(error))")
        }
        let latest = try await fetchCheckpoint()
        if let previous {
            try await checkConsistency(from: previous.checkpoint, to: latest.checkpoint)
        }
        var included: [IncludedEntry] = []
        for index in entries {
            included.append(try await checkInclusion(of: index, in: latest.checkpoint))
        }
        return Report(checkpoint: latest, consistentWith: previous?.checkpoint.size, entries: included)
    }

    // MARK: - Fetching

    private struct EntriesResponse: Decodable {
        struct Entry: Decodable {
            let index: UInt64
            let kind: String
            let data: String
        }
        let entries: [Entry]
    }

    private struct InclusionResponse: Decodable {
        let inclusion_path: [String]
    }

    private struct ConsistencyResponse: Decodable {
        let consistency_path: [String]
    }

    private func hashes(_ texts: [String], what: String) throws(LogVerificationFailure) -> [MerkleHash] {
        var hashes: [MerkleHash] = []
        for text in texts {
            guard let hash = MerkleHash(base64: text) else {
                throw .unusableResponse("`\(what)` holds `\(text)`, which is not a base64 SHA-256 hash")
            }
            hashes.append(hash)
        }
        return hashes
    }

    private func fetchJSON<T: Decodable>(_ path: String) async throws(LogVerificationFailure) -> T {
        let body = try await fetch(path)
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw .unusableResponse("\(path) did not answer the expected JSON: \(error)")
        }
    }

    private func fetch(_ path: String) async throws(LogVerificationFailure) -> Data {
        let status: Int
        let body: Data
        do {
            (status, body) = try await source.get(path)
        } catch {
            throw .unusableResponse("GET \(path) failed: \(error)")
        }
        guard status == 200 else {
            let detail = String(decoding: body.prefix(500), as: UTF8.self)
            throw .unusableResponse("GET \(path) answered \(status): \(detail)")
        }
        return body
    }
}
