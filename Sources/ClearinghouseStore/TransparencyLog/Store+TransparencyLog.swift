public import ClearinghouseCore
public import Foundation
import SQLKit
public import TransparencyLog

extension Store {
    /// Signs a checkpoint of the log at its current size, unless the latest checkpoint already covers it.
    ///
    /// Like the record of a token's use, this is bookkeeping of the log rather than a change a party asked for,
    /// so it writes no audit event: the checkpoint is itself the record. Several server nodes may call this at
    /// once; the database orders them, and a size is signed once.
    ///
    /// - Parameters:
    ///   - signer: The log's key; its name is the checkpoints' origin.
    ///   - now: The signing time.
    /// - Returns: The latest checkpoint after the call.
    /// - Throws: `ClearinghouseError.schemaMismatch` when the log's origin differs from the key's name, or when
    ///   the new tree would not be consistent with the previous checkpoint (a damaged database): a log never
    ///   signs a checkpoint inconsistent with one it signed before.
    @discardableResult
    public func signCheckpoint(signer: NoteSigner, now: Date) async throws -> StoredCheckpoint {
        try await engine.transaction { database in
            let log = LogRepository(database: database, nodeCache: nil)
            let state = try await log.state(locking: true)
            if let origin = state.origin, origin != signer.name {
                throw ClearinghouseError(
                    .schemaMismatch,
                    "The transparency log's origin is `\(origin)`, but the log key is named `\(signer.name)`. Use the log's own key."
                )
            }
            let latest = try await log.latestCheckpoint()
            if let latest, latest.size == state.size {
                return latest
            }
            let root = state.frontier.root
            if let latest, latest.size > 0 {
                let proof = try await log.consistencyProof(first: latest.size, second: state.size)
                do {
                    try ConsistencyProof.verify(
                        first: latest.size, second: state.size, firstRoot: latest.root, secondRoot: root, proof: proof)
                } catch {
                    throw ClearinghouseError(
                        .schemaMismatch,
                        "The log at size \(state.size) is not consistent with its checkpoint at size \(latest.size) (\(error)); refusing to sign. The database has been altered."
                    )
                }
            }
            let checkpoint = try Checkpoint(origin: signer.name, size: state.size, root: root)
            let note = try SignedNote(text: checkpoint.text, signers: [signer]).serialized
            try await database.insert(into: "log_checkpoints")
                .columns("tree_size", "root_hash", "note", "created_at")
                .values(
                    SQLBind(Int64(state.size)), SQLBind(Data(root.bytes)), SQLBind(note),
                    SQLBind(Timestamp.microseconds(now))
                )
                .run()
            if state.origin == nil {
                try await database.update("log_state").set("origin", to: signer.name).where("singleton", .equal, 1)
                    .run()
            }
            return StoredCheckpoint(
                size: state.size, root: root, note: note, createdAt: Timestamp.date(Timestamp.microseconds(now)))
        }
    }

    /// Appends entries to the log without an audit event: for tools and benchmarks that load a log, not for
    /// changes parties ask for (those append inside `write(_:_:)`).
    ///
    /// - Returns: The indexes given to the entries.
    public func appendToLog(_ drafts: [LogEntryDraft], at date: Date) async throws -> [UInt64] {
        try await engine.transaction { database in
            try await LogRepository(database: database, nodeCache: nil).append(drafts, at: date)
        }
    }
}
