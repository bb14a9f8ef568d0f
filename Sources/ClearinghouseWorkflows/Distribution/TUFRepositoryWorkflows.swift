public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation

/// The TUF repository of published advisories: created once with its root (`clearinghouse tuf init`), then kept
/// by the `tuf.sign` job, which adds each published advisory's OSV document and its case's patches as targets and
/// signs the online roles again before they expire.
public enum TUFRepositoryWorkflows {
    /// Versions of targets and snapshot metadata kept besides the newest, for clients in the middle of an update.
    static let versionsKept = 10
    /// Advisories (and patches) added per transaction.
    static let batchSize = 500

    /// Creates the repository: root metadata signed by the root key, naming the online keys, and the first
    /// online metadata.
    ///
    /// - Throws: `conflict` when the database already holds a repository.
    public static func initialize(
        rootKey: TUFSigningKey, online: TUFOnlineKeys, lifetimes: TUFLifetimes, store: Store,
        dependencies: Dependencies
    ) async throws -> TUFDocument {
        let now = dependencies.now()
        let root = try TUFMetadata.root(
            version: 1, expires: now + lifetimes.root, rootKeys: [rootKey.publicKey],
            online: online.publicKeys,
            signers: [rootKey])
        let documents = try TUFSigning(keys: online, lifetimes: lifetimes).initial(at: now)
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now,
            actor: .commandLine,
            action: .tufInitialize, target: nil, requestID: nil, outcome: .success,
            detail: "root key \(rootKey.publicKey.id)")
        try await store.write(event) { repositories in
            guard try await repositories.tuf.current(.root) == nil else {
                throw ClearinghouseError(
                    .conflict,
                    "This database already has a TUF repository; rotate its keys with a new root instead (docs/distribution.md#tuf)."
                )
            }
            try await repositories.tuf.insert([root] + documents, at: now)
        }
        return root
    }

    /// Signs the next root: it names `newRootKey` (or keeps the current root key) and the `online` keys, and is
    /// signed by the current root key and the new one, so that clients trusting the current root accept it and
    /// then trust only the new keys. Nodes restarted with the new online keys sign new targets, snapshot and
    /// timestamp metadata on their first run of `tuf.sign`.
    ///
    /// - Throws: `invalid_request` when `rootKey` is not the current root's key.
    public static func rotate(
        rootKey: TUFSigningKey, newRootKey: TUFSigningKey?, online: TUFOnlineKeys, lifetimes: TUFLifetimes,
        store: Store, dependencies: Dependencies
    ) async throws -> TUFDocument {
        let now = dependencies.now()
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now,
            actor: .commandLine, action: .tufRotate, target: nil,
            requestID: nil, outcome: .success, detail: "root key \((newRootKey ?? rootKey).publicKey.id)")
        return try await store.write(event) { repositories in
            guard let current = try await repositories.tuf.current(.root) else {
                throw ClearinghouseError(
                    .invalidRequest,
                    "This database has no TUF repository yet; create one with `clearinghouse tuf init`.")
            }
            guard TUFMetadata.keyIDs(of: .root, inRoot: current.text)?.contains(rootKey.publicKey.id) == true else {
                throw ClearinghouseError(
                    .invalidRequest,
                    "The root key given is not the key of the current root (version \(current.version)); the new root must be signed by it."
                )
            }
            let next = newRootKey ?? rootKey
            let root = try TUFMetadata.root(
                version: current.version + 1, expires: now + lifetimes.root, rootKeys: [next.publicKey],
                online: online.publicKeys,
                signers: newRootKey == nil ? [rootKey] : [rootKey, next])
            try await repositories.tuf.insert([root], at: now)
            return root
        }
    }

    /// Checks that the repository exists and that its newest root names these online keys.
    ///
    /// - Throws: `invalid_request` explaining what to do otherwise.
    public static func check(_ online: TUFOnlineKeys, store: Store) async throws {
        guard let root = try await store.read({ try await $0.tuf.current(.root) }) else {
            throw ClearinghouseError(
                .invalidRequest,
                "This database has no TUF repository yet; create one with `clearinghouse tuf init`.")
        }
        for role in TUFRole.online {
            guard let id = online.key(for: role)?.publicKey.id,
                TUFMetadata.keyIDs(of: role, inRoot: root.text)?.contains(id) == true
            else {
                throw ClearinghouseError(
                    .invalidRequest,
                    "The TUF root (version \(root.version)) does not name this `\(role)` key; use the online keys `clearinghouse tuf init` wrote, or sign a new root that names them."
                )
            }
        }
    }

    /// A metadata file by the name clients fetch: `timestamp.json`, `3.root.json`, `12.targets.json`,
    /// `12.snapshot.json`, or a role's name alone for its newest version.
    ///
    /// - Throws: `not_found` for a name or version the repository does not have.
    public static func metadata(named name: String, store: Store) async throws -> TUFDocument {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let document: TUFDocument?
        switch parts.count {
        case 2 where parts[1] == "json":
            guard let role = TUFRole(rawValue: String(parts[0])) else { throw missing(name) }
            document = try await store.read { try await $0.tuf.current(role) }
        case 3 where parts[2] == "json":
            guard let role = TUFRole(rawValue: String(parts[1])), role != .timestamp,
                parts[0].count <= 18, let version = Int(parts[0]), version > 0
            else { throw missing(name) }
            document = try await store.read { try await $0.tuf.document(role, version: version) }
        default:
            throw missing(name)
        }
        guard let document else { throw missing(name) }
        return document
    }

    /// A target's content by the path consistent snapshots serve it at, `advisories/<sha256>.CHX-2026-0001.json`
    /// or `patches/CHX-2026-0001/<sha256>.<sha256>`.
    ///
    /// - Throws: `not_found` when no target has that path and hash.
    public static func target(at hashedPath: String, store: Store) async throws -> TUFTargetContent {
        guard hashedPath.utf8.count <= 512, let (path, sha256) = TUFTarget.unhash(hashedPath),
            let content = try await store.read({ try await $0.tuf.content(of: path, sha256: sha256) })
        else {
            throw ClearinghouseError(
                .notFound,
                "No target is served at `\(hashedPath)`: targets are at their path with their SHA-256 before the file name, as `targets.json` lists them."
            )
        }
        return content
    }

    private static func missing(_ name: String) -> ClearinghouseError {
        ClearinghouseError(
            .notFound,
            "No TUF metadata is named `\(name)`: this repository serves `timestamp.json` and `N.root.json`, `N.snapshot.json`, `N.targets.json` for the versions it has."
        )
    }

    /// The scheduled job: adds published advisories as targets and signs what is due. It runs every 5 s, or four
    /// times in a short timestamp lifetime (a lab's), so that the timestamp is signed again before it expires.
    public static func job(signing: TUFSigning, every period: Duration? = nil) -> ScheduledJob {
        let period = period ?? .seconds(max(1, min(5, signing.lifetimes.timestamp / 4)))
        return ScheduledJob(name: "tuf.sign", every: period) { context in
            var signed: [TUFDocument] = []
            var added = 0
            repeat {
                let step = try await sign(signing, context: context)
                signed += step.signed
                added += step.added
                if !step.more { break }
            } while true
            guard !signed.isEmpty else { return nil }
            let versions = signed.map { "\($0.role.rawValue) \($0.version)" }.joined(separator: ", ")
            return added == 0 ? "signed \(versions)" : "added \(added) targets; signed \(versions)"
        }
    }

    /// One transaction: up to a batch of new advisories and of new patches, and the metadata they and the clock
    /// make due. `more` says a batch was full.
    static func sign(
        _ signing: TUFSigning, context: JobContext
    ) async throws -> (signed: [TUFDocument], added: Int, more: Bool) {
        let dependencies = context.dependencies
        let now = dependencies.now()
        // Most runs find nothing due: decided on a read, so that only work to do opens a write.
        let due = try await context.store.read { repositories -> Bool in
            guard let current = try await current(repositories) else { return false }
            if !(try await repositories.tuf.unlistedAdvisories(limit: 1).isEmpty) { return true }
            if !(try await repositories.tuf.unlistedPatches(limit: 1).isEmpty) { return true }
            return [current.targets, current.snapshot, current.timestamp].contains { signing.isDue($0, at: now) }
        }
        guard due else { return ([], 0, false) }
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .tufSign, target: nil,
            requestID: nil, outcome: .success)
        return try await context.commits.commit(event) { repositories in
            guard let current = try await current(repositories) else { return Recorded(([], 0, false)) }
            let advisories = try await repositories.tuf.unlistedAdvisories(limit: batchSize)
            for draft in advisories {
                let content = try draft.osvDocument().canonicalText
                let target = TUFTarget(path: TUFTarget.advisoryPath(draft.id), content: Data(content.utf8))
                try await repositories.tuf.add(target, content: content, advisory: draft.id, at: now)
            }
            let patches = try await repositories.tuf.unlistedPatches(limit: batchSize)
            for patch in patches { try await repositories.tuf.add(patch, at: now) }
            let documents = try await signing.next(
                after: current, targetsChanged: !advisories.isEmpty || !patches.isEmpty,
                allTargets: { try await repositories.tuf.targets() }, at: now)
            try await repositories.tuf.insert(documents, at: now)
            // The newest `versionsKept` of targets and snapshot, and only the newest timestamp, stay.
            for document in documents {
                let kept = document.role == .timestamp ? 1 : versionsKept
                try await repositories.tuf.prune(document.role, before: document.version - kept + 1)
            }
            let more = advisories.count == batchSize || patches.count == batchSize
            return Recorded((documents, advisories.count + patches.count, more))
        }
    }

    private static func current(_ repositories: Repositories) async throws -> TUFSigning.Current? {
        guard let targets = try await repositories.tuf.current(.targets),
            let snapshot = try await repositories.tuf.current(.snapshot),
            let timestamp = try await repositories.tuf.current(.timestamp)
        else { return nil }
        return TUFSigning.Current(targets: targets, snapshot: snapshot, timestamp: timestamp)
    }
}
