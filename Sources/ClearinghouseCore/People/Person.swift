public import Foundation

/// A person of an organization, who signs in to the web interface. A person acts with a role, like a token, and
/// is a member of exactly one organization.
public struct Person: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Person>

    public var id: ID
    public var organizationID: Organization.ID
    /// Lower-cased; one person per address on the instance.
    public var email: String
    public var name: String
    public var role: TokenRole
    /// `nil` until the person accepts their invitation and sets one.
    public var password: PasswordHash?
    /// The enrolled authenticator, if any.
    public var secondFactor: TOTP?
    /// The time step of the last code accepted, so that no code is accepted twice.
    public var lastCodeStep: UInt64?
    /// Failed sign-ins since the last success.
    public var failedSignIns: Int
    /// Sign-in is refused, whatever the password, until then.
    public var lockedUntil: Date?
    public var createdAt: Date
    public var disabledAt: Date?

    public init(
        id: ID, organizationID: Organization.ID, email: String, name: String, role: TokenRole,
        password: PasswordHash? = nil, secondFactor: TOTP? = nil, lastCodeStep: UInt64? = nil, failedSignIns: Int = 0,
        lockedUntil: Date? = nil, createdAt: Date, disabledAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.email = email
        self.name = name
        self.role = role
        self.password = password
        self.secondFactor = secondFactor
        self.lastCodeStep = lastCodeStep
        self.failedSignIns = failedSignIns
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    /// Whether the person can sign in: a password is set and nobody disabled them.
    public var isActive: Bool { password != nil && disabledAt == nil }

    /// A person's record shares its organization's visibility, as a token's does.
    public var visibility: Visibility {
        Visibility(label: .amberStrict, owner: organizationID, participants: [])
    }

    /// An email address as people are told apart: trimmed and lower-cased, with one `@`, a dot in the domain, at
    /// most 254 bytes and no spaces or control characters.
    ///
    /// - Throws: `invalid_field` on `email`.
    public static func normalizedEmail(_ text: String) throws(ClearinghouseError) -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            email.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) })
        else {
            throw .invalidField("email", "`\(text.prefix(64))` is not an email address such as name@example.org.")
        }
        return email
    }
}
