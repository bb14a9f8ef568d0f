public import Foundation

/// A network or host name an organization says it owns, so that it can authorize scans of it. It counts once a
/// coordinator has verified the ownership, recording how and by whom.
public struct ScanAsset: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ScanAsset>

    /// How a coordinator established that the organization controls the asset. The clearinghouse sends no
    /// traffic to scopes, so each is checked out of band and described in the note.
    public enum VerificationMethod: String, Sendable, CaseIterable {
        /// A TXT record the organization published under the name.
        case dnsRecord = "dns-record"
        /// A file the organization served from the host.
        case httpFile = "http-file"
        /// The regional internet registry's record of the network.
        case registryRecord = "registry-record"
        /// A contract or letter of the organization's.
        case document
    }

    public struct Verification: Sendable, Hashable {
        public let method: VerificationMethod
        public let note: String?
        public let by: Organization.ID
        public let at: Date

        public init(method: VerificationMethod, note: String?, by: Organization.ID, at: Date) {
            (self.method, self.note, self.by, self.at) = (method, note, by, at)
        }
    }

    public static let maximumNameLength = 200

    public let id: ID
    public let owner: Organization.ID
    public let scope: ScanScope
    /// What the owner calls it: `Main campus network`.
    public let name: String
    public var verification: Verification?
    public let createdAt: Date

    /// An asset as it was stored.
    public init(
        id: ID, owner: Organization.ID, scope: ScanScope, name: String, verification: Verification?, createdAt: Date
    ) {
        (self.id, self.owner, self.scope, self.name, self.verification, self.createdAt) =
            (id, owner, scope, name, verification, createdAt)
    }

    /// Checks an asset as an owner registers it.
    ///
    /// - Throws: `invalid_field` for a scope that is not `net` (`scope.kind`) or a name that is not one line.
    public init(registering scope: ScanScope, name: String, id: ID, owner: Organization.ID, now: Date)
        throws(ClearinghouseError)
    {
        guard scope.kind == .net else {
            throw .invalidField(
                "scope.kind", "Assets are networks and host names (`net` scopes); packages and repositories need no grant.")
        }
        self.init(
            id: id, owner: owner, scope: scope,
            name: try TextRules.singleLine(name, field: "name", maximumLength: Self.maximumNameLength),
            verification: nil, createdAt: now)
    }

    public var isVerified: Bool { verification != nil }

    public static let maximumNoteLength = 500

    /// The asset verified by a coordinator, with how.
    ///
    /// - Throws: `invalid_field` (`note`) for a note that is not one line of at most 500 characters.
    public func verified(method: VerificationMethod, note: String?, by coordinator: Organization.ID, at date: Date)
        throws(ClearinghouseError) -> ScanAsset
    {
        var asset = self
        asset.verification = Verification(
            method: method,
            note: try note.map { text throws(ClearinghouseError) in
                try TextRules.singleLine(text, field: "note", maximumLength: Self.maximumNoteLength)
            }, by: coordinator, at: date)
        return asset
    }
}
