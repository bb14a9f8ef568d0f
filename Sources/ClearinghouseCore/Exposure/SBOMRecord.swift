public import Foundation
public import PackageURL
public import SBOM
public import VEX

/// An SBOM an organization uploaded for one of its assets (a system, a device, an application).
public struct SBOMRecord: Sendable, Identifiable {
    public typealias ID = Identifier<SBOMRecord>

    public var id: ID
    public var organization: Organization.ID
    /// The asset's name, as the organization knows it (`Radiology PACS`, `Patient portal`).
    public var asset: String
    /// Whether the asset is reachable from the internet (raises priority).
    public var internetFacing: Bool
    public var bill: SoftwareBill
    public var uploadedAt: Date
    /// The SHA-256 of the document as stored (``StoredDocument``); `nil` for documents stored before digests were.
    public var documentSHA256: String?

    public init(
        id: ID, organization: Organization.ID, asset: String, internetFacing: Bool, bill: SoftwareBill,
        uploadedAt: Date, documentSHA256: String? = nil
    ) {
        self.id = id
        self.organization = organization
        self.asset = asset
        self.internetFacing = internetFacing
        self.bill = bill
        self.uploadedAt = uploadedAt
        self.documentSHA256 = documentSHA256
    }

    /// What tells one stored version of an SBOM from another without reading its document: a node that holds a
    /// version in memory and finds the same one stored need not read the document again.
    public struct Version: Sendable, Hashable {
        public let organization: Organization.ID
        public let asset: String
        public let internetFacing: Bool
        /// When it was stored, to the microsecond, as the store keeps times.
        public let uploadedMicroseconds: Int64
        public let documentSHA256: String

        public init(
            organization: Organization.ID, asset: String, internetFacing: Bool, uploadedAt: Date,
            documentSHA256: String
        ) {
            self.organization = organization
            self.asset = asset
            self.internetFacing = internetFacing
            self.uploadedMicroseconds = uploadedAt.unixMicroseconds
            self.documentSHA256 = documentSHA256
        }
    }

    /// This record's version; `nil` when its document's digest is not known.
    public var version: Version? {
        documentSHA256.map {
            Version(
                organization: organization, asset: asset, internetFacing: internetFacing, uploadedAt: uploadedAt,
                documentSHA256: $0)
        }
    }

    /// An SBOM describes an organization's estate: it and coordinators (with oversight) see it.
    public var visibility: Visibility { Self.visibility(of: organization) }

    /// The visibility of every SBOM of an organization, and of what is derived from them (its exposure).
    public static func visibility(of organization: Organization.ID) -> Visibility {
        Visibility(label: .amberStrict, owner: organization)
    }

    /// The asset name as given, checked.
    ///
    /// - Throws: `ClearinghouseError.invalidField` for an empty or overlong name.
    public static func validatedAsset(_ name: String?) throws(ClearinghouseError) -> String {
        guard let name, !name.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            throw .invalidField("asset", "Name the asset the SBOM describes.")
        }
        return try TextRules.singleLine(name, field: "asset", maximumLength: 200)
    }
}

/// A VEX document an organization uploaded.
public struct VEXRecord: Sendable, Identifiable {
    public typealias ID = Identifier<VEXRecord>

    public var id: ID
    public var organization: Organization.ID
    /// Whether the organization's statements apply to everyone's SBOMs (a verified vendor or coordinator
    /// speaking of its products), or only to its own.
    public var appliesToEveryone: Bool
    /// When its statements apply to everyone's SBOMs: the products they may speak of, as a coordinator registered
    /// them for the vendor (``ProductScope``); `nil` for a coordinator's, which speak of any product.
    public var scopes: [ProductScope]?
    public var document: VEXDocument
    public var uploadedAt: Date

    public init(
        id: ID, organization: Organization.ID, appliesToEveryone: Bool, scopes: [ProductScope]? = [],
        document: VEXDocument, uploadedAt: Date
    ) {
        self.id = id
        self.organization = organization
        self.appliesToEveryone = appliesToEveryone
        self.scopes = scopes
        self.document = document
        self.uploadedAt = uploadedAt
    }

    /// Whether its statements may speak of another organization's component: it applies to everyone, and the
    /// component is one of the products its publisher is registered for (any, for a coordinator).
    public func speaksFor(_ purl: PackageURL) -> Bool {
        appliesToEveryone && (scopes?.contains { $0.covers(purl) } ?? true)
    }

    /// Whether an organization's statements apply to every organization's SBOMs: a verified vendor's (about the
    /// products a coordinator registered for it) or a verified coordinator's; anyone else's apply to its own SBOMs
    /// only.
    public static func appliesToEveryone(publishedBy organization: Organization) -> Bool {
        organization.isVerified && (organization.kind == .vendor || organization.kind == .coordinator)
    }

    /// VEX statements of vendors are for their customers; each organization sees its own.
    public var visibility: Visibility {
        Visibility(label: appliesToEveryone ? .green : .amberStrict, owner: organization)
    }
}
