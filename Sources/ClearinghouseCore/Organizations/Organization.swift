public import Foundation

/// A party to the clearinghouse: a company, agency, research group or the coordinators themselves.
///
/// Organizations hold the API tokens that act on their behalf. Their record is confidential: only the
/// organization itself and the coordinators may see it (see ``visibility``).
public struct Organization: Sendable, Hashable, Identifiable {
    /// The identifier of an organization.
    public typealias ID = Identifier<Organization>

    public var id: ID
    /// The display name, 1 to 200 characters.
    public var name: String
    public var kind: OrganizationKind
    /// The critical-infrastructure sector; set for operators and only for them.
    public var sector: Sector?
    /// People to reach at the organization.
    public var contacts: [Contact]
    /// Whether a coordinator has verified who the organization is.
    public var verification: Verification
    public var createdAt: Date
    /// Whether every person of the organization must use a second factor to sign in (coordinators' people always
    /// must).
    public var requiresSecondFactor: Bool

    /// Creates an organization value; use ``OrganizationRegistration/validated()`` to check caller input first.
    public init(
        id: ID, name: String, kind: OrganizationKind, sector: Sector?, contacts: [Contact],
        verification: Verification, createdAt: Date, requiresSecondFactor: Bool = false
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.sector = sector
        self.contacts = contacts
        self.verification = verification
        self.createdAt = createdAt
        self.requiresSecondFactor = requiresSecondFactor
    }

    /// Whether a coordinator has verified the organization.
    public var isVerified: Bool { verification.state == .verified }

    /// A verified coordinator: the clearinghouse's own staff, with oversight of all but RED.
    public var isVerifiedCoordinator: Bool { kind == .coordinator && isVerified }

    /// Who may read this record: the organization itself; coordinators by oversight.
    public var visibility: Visibility {
        Visibility(label: .amberStrict, owner: id, participants: [])
    }
}

/// A person to reach at an organization.
public struct Contact: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var phone: String?
    /// What the person does for the organization here, for example "PSIRT lead" or "CISO".
    public var role: String?

    /// Creates a contact.
    public init(name: String, email: String, phone: String? = nil, role: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.role = role
    }
}

/// Whether, when and by whom an organization's identity was verified.
public struct Verification: Sendable, Hashable {
    /// The verification state of an organization.
    public enum State: String, Sendable, Hashable, CaseIterable, Codable {
        /// Registered, not yet verified: the organization can act on its own records only.
        case pending
        /// A coordinator has checked who the organization is.
        case verified
    }

    public var state: State
    public var verifiedAt: Date?
    public var verifiedBy: Organization.ID?

    /// Creates a verification record.
    public init(state: State, verifiedAt: Date?, verifiedBy: Organization.ID?) {
        self.state = state
        self.verifiedAt = verifiedAt
        self.verifiedBy = verifiedBy
    }

    /// A pending verification.
    public static let pending = Verification(state: .pending, verifiedAt: nil, verifiedBy: nil)

    /// A verification performed at a time by a coordinator organization (or by bootstrap, with `by: nil`).
    public static func verified(at date: Date, by organization: Organization.ID?) -> Verification {
        Verification(state: .verified, verifiedAt: date, verifiedBy: organization)
    }
}

extension Verification {
    /// The longest note a coordinator may attach to a verification.
    public static let maximumNoteLength = 2_000

    /// Checks a coordinator's note on how an organization's identity was verified.
    ///
    /// - Throws: `ClearinghouseError.invalidField` for `note` when it is too long or holds control characters.
    public static func validatedNote(_ text: String) throws(ClearinghouseError) -> String {
        try TextRules.note(text, field: "note", maximumLength: maximumNoteLength)
    }
}
