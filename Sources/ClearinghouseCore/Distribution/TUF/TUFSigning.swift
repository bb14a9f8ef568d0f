public import Foundation

/// What the online roles' keys sign next, decided from the current metadata: new targets make new targets,
/// snapshot and timestamp metadata; otherwise each role with less than half its lifetime left is signed again,
/// with the roles that name it (a new targets file needs a new snapshot, and a new snapshot a new timestamp).
public struct TUFSigning: Sendable {
    public let keys: TUFOnlineKeys
    public let lifetimes: TUFLifetimes

    public init(keys: TUFOnlineKeys, lifetimes: TUFLifetimes = TUFLifetimes()) {
        self.keys = keys
        self.lifetimes = lifetimes
    }

    /// The current metadata of the online roles.
    public struct Current: Sendable {
        public var targets: TUFDocument
        public var snapshot: TUFDocument
        public var timestamp: TUFDocument

        public init(targets: TUFDocument, snapshot: TUFDocument, timestamp: TUFDocument) {
            self.targets = targets
            self.snapshot = snapshot
            self.timestamp = timestamp
        }
    }

    /// The first online metadata of a repository: no targets yet.
    public func initial(at now: Date) throws -> [TUFDocument] {
        let targets = try TUFMetadata.targets(
            version: 1, expires: now + lifetimes.targets, targets: [], key: keys.targets)
        let snapshot = try TUFMetadata.snapshot(
            version: 1, expires: now + lifetimes.snapshot, targets: targets, key: keys.snapshot)
        let timestamp = try TUFMetadata.timestamp(
            version: 1, expires: now + lifetimes.timestamp, snapshot: snapshot, key: keys.timestamp)
        return [targets, snapshot, timestamp]
    }

    /// Whether a role's metadata should be signed again at `now`: less than half its lifetime is left, or more
    /// than its whole lifetime (the lifetime was shortened since it was signed), or another key signed it (the
    /// keys were rotated).
    public func isDue(_ document: TUFDocument, at now: Date) -> Bool {
        let left = document.expires.timeIntervalSince(now)
        let lifetime = lifetimes.of(document.role)
        guard let key = keys.key(for: document.role) else { return false }
        return left < lifetime / 2 || left > lifetime || !document.text.contains(#""keyid":"\#(key.publicKey.id)""#)
    }

    /// The documents to sign at `now`, in the order clients need them stored (targets, snapshot, timestamp); empty
    /// when nothing is due.
    ///
    /// - Parameters:
    ///   - targetsChanged: whether targets were added since `current.targets` was signed.
    ///   - allTargets: every target, read only when a targets file is signed.
    public func next(
        after current: Current, targetsChanged: Bool, allTargets: () async throws -> [TUFTarget], at now: Date
    ) async throws -> [TUFDocument] {
        var signed: [TUFDocument] = []
        var targets = current.targets
        if targetsChanged || isDue(targets, at: now) {
            targets = try TUFMetadata.targets(
                version: targets.version + 1, expires: now + lifetimes.targets, targets: try await allTargets(),
                key: keys.targets)
            signed.append(targets)
        }
        var snapshot = current.snapshot
        if !signed.isEmpty || isDue(snapshot, at: now) {
            snapshot = try TUFMetadata.snapshot(
                version: snapshot.version + 1, expires: now + lifetimes.snapshot, targets: targets,
                key: keys.snapshot)
            signed.append(snapshot)
        }
        if !signed.isEmpty || isDue(current.timestamp, at: now) {
            signed.append(
                try TUFMetadata.timestamp(
                    version: current.timestamp.version + 1, expires: now + lifetimes.timestamp, snapshot: snapshot,
                    key: keys.timestamp))
        }
        return signed
    }
}
