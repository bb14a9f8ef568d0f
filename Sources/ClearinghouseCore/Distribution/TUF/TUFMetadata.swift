import Crypto
public import Foundation
public import JSONSupport

/// A file the TUF repository lists: a published advisory's OSV document, or a patch of its case.
public struct TUFTarget: Sendable, Hashable {
    /// The target's path, `advisories/CHX-2026-0001.json`.
    public let path: String
    public let length: Int
    /// The SHA-256 of the content, in lowercase hex.
    public let sha256: String

    public init(path: String, length: Int, sha256: String) {
        self.path = path
        self.length = length
        self.sha256 = sha256
    }

    /// The target for `content` at `path`.
    public init(path: String, content: Data) {
        self.init(path: path, length: content.count, sha256: SHA256.hash(data: content).hex)
    }

    /// The path of a published advisory's OSV document.
    public static func advisoryPath(_ id: AdvisoryID) -> String {
        "advisories/\(id).json"
    }

    /// Where consistent snapshots serve the target: its SHA-256 before its file name, in its directory
    /// (`advisories/5f…e1.CHX-2026-0001.json`), so that a file once served never changes.
    public var hashedPath: String {
        let (directory, name) = Self.split(path)
        return directory + sha256 + "." + name
    }

    /// The target path a hashed path names, with the hash it names.
    public static func unhash(_ hashedPath: String) -> (path: String, sha256: String)? {
        let (directory, name) = split(hashedPath)
        guard let dot = name.firstIndex(of: "."), name.distance(from: name.startIndex, to: dot) == 64 else {
            return nil
        }
        let hash = String(name[..<dot])
        guard hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        return (directory + name[name.index(after: dot)...], hash)
    }

    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}

/// One signed metadata file, as stored and served.
public struct TUFDocument: Sendable, Hashable {
    public let role: TUFRole
    public let version: Int
    public let expires: Date
    /// The file: `{"signatures": […], "signed": {…}}` in canonical JSON.
    public let text: String

    public init(role: TUFRole, version: Int, expires: Date, text: String) {
        self.role = role
        self.version = version
        self.expires = expires
        self.text = text
    }

    /// The name clients fetch it by: `3.targets.json`; `timestamp.json` has no version.
    public var fileName: String {
        role == .timestamp ? "timestamp.json" : "\(version).\(role.rawValue).json"
    }
}

/// How long each role's metadata is valid once signed. Online roles are signed again when less than half of
/// their lifetime is left.
public struct TUFLifetimes: Sendable, Hashable {
    public var root: TimeInterval = 365 * 86_400
    public var targets: TimeInterval = 90 * 86_400
    public var snapshot: TimeInterval = 7 * 86_400
    public var timestamp: TimeInterval = 86_400

    public init() {}

    public func of(_ role: TUFRole) -> TimeInterval {
        switch role {
        case .root: root
        case .targets: targets
        case .snapshot: snapshot
        case .timestamp: timestamp
        }
    }
}

/// The metadata of the four roles, as the TUF specification 1.0 lays it out: each file's `signed` part in
/// canonical JSON, signed with Ed25519 by its role's key. The text only ever holds ASCII letters, digits and
/// punctuation, where RFC 8785's canonical form and the OLPC form TUF clients check agree byte for byte.
public enum TUFMetadata {
    public static let specVersion = "1.0.31"

    /// Root metadata: the keys of every role, one signature needed for each.
    ///
    /// - Parameter signers: the root keys that sign it; when rotating, the old key and the new.
    public static func root(
        version: Int, expires: Date, rootKeys: [TUFPublicKey], online: [TUFRole: TUFPublicKey],
        signers: [TUFSigningKey]
    ) throws -> TUFDocument {
        var keys: [String: JSONTree] = [:]
        var roles: [String: JSONTree] = [:]
        for key in rootKeys { keys[key.id] = key.tree }
        roles[TUFRole.root.rawValue] = .object([
            "keyids": .array(rootKeys.map { .string($0.id) }), "threshold": .integer(1),
        ])
        for role in TUFRole.online {
            guard let key = online[role] else {
                throw ClearinghouseError.invalidField("keys", "The root needs a key for the `\(role)` role.")
            }
            keys[key.id] = key.tree
            roles[role.rawValue] = .object(["keyids": .array([.string(key.id)]), "threshold": .integer(1)])
        }
        let signed = common(.root, version: version, expires: expires).merging([
            "keys": .object(keys), "roles": .object(roles), "consistent_snapshot": .bool(true),
        ]) { $1 }
        return try document(.root, version: version, expires: expires, signed: signed, signers: signers)
    }

    /// Targets metadata listing `targets`.
    public static func targets(
        version: Int, expires: Date, targets: [TUFTarget], key: TUFSigningKey
    ) throws
        -> TUFDocument
    {
        var listed: [String: JSONTree] = [:]
        for target in targets {
            listed[target.path] = .object([
                "length": .integer(Int64(target.length)), "hashes": .object(["sha256": .string(target.sha256)]),
            ])
        }
        let signed = common(.targets, version: version, expires: expires).merging(["targets": .object(listed)]) {
            $1
        }
        return try document(.targets, version: version, expires: expires, signed: signed, signers: [key])
    }

    /// Snapshot metadata naming the current targets metadata.
    public static func snapshot(
        version: Int, expires: Date, targets: TUFDocument, key: TUFSigningKey
    ) throws
        -> TUFDocument
    {
        let signed = common(.snapshot, version: version, expires: expires).merging([
            "meta": .object(["targets.json": .object(["version": .integer(Int64(targets.version))])])
        ]) { $1 }
        return try document(.snapshot, version: version, expires: expires, signed: signed, signers: [key])
    }

    /// Timestamp metadata naming the current snapshot, with its length and hash.
    public static func timestamp(
        version: Int, expires: Date, snapshot: TUFDocument, key: TUFSigningKey
    ) throws
        -> TUFDocument
    {
        let bytes = Data(snapshot.text.utf8)
        let signed = common(.timestamp, version: version, expires: expires).merging([
            "meta": .object([
                "snapshot.json": .object([
                    "version": .integer(Int64(snapshot.version)), "length": .integer(Int64(bytes.count)),
                    "hashes": .object(["sha256": .string(SHA256.hash(data: bytes).hex)]),
                ])
            ])
        ]) { $1 }
        return try document(.timestamp, version: version, expires: expires, signed: signed, signers: [key])
    }

    /// The key ids a root document names for a role, or nil when the text is not root metadata.
    public static func keyIDs(of role: TUFRole, inRoot text: String) -> [String]? {
        guard case .object(let file)? = try? JSONDecoder().decode(JSONTree.self, from: Data(text.utf8)),
            case .object(let signed)? = file["signed"],
            case .object(let roles)? = signed["roles"], case .object(let entry)? = roles[role.rawValue],
            case .array(let ids)? = entry["keyids"]
        else { return nil }
        return ids.compactMap { if case .string(let id) = $0 { id } else { nil } }
    }

    /// The time TUF metadata writes: RFC 3339 in UTC, to the second.
    public static func expiryText(_ date: Date) -> String {
        toTheSecond(date).formatted(.iso8601)
    }

    private static func toTheSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    private static func common(_ role: TUFRole, version: Int, expires: Date) -> [String: JSONTree] {
        [
            "_type": .string(role.rawValue), "spec_version": .string(specVersion),
            "version": .integer(Int64(version)), "expires": .string(expiryText(expires)),
        ]
    }

    private static func document(
        _ role: TUFRole, version: Int, expires: Date, signed: [String: JSONTree], signers: [TUFSigningKey]
    ) throws -> TUFDocument {
        let signedTree = JSONTree.object(signed)
        let message = Data(signedTree.canonicalText.utf8)
        let signatures = try signers.map { key in
            JSONTree.object(["keyid": .string(key.publicKey.id), "sig": .string(try key.sign(message))])
        }
        let text = JSONTree.object(["signatures": .array(signatures), "signed": signedTree]).canonicalText
        return TUFDocument(role: role, version: version, expires: toTheSecond(expires), text: text)
    }
}
