public import Foundation

/// What a caller asks for when registering an organization, before validation.
public struct OrganizationRegistration: Sendable, Hashable {
    public var name: String
    public var kind: String
    public var sector: String?
    public var contacts: [Contact]

    /// Creates a registration request from caller input.
    public init(name: String, kind: String, sector: String?, contacts: [Contact]) {
        self.name = name
        self.kind = kind
        self.sector = sector
        self.contacts = contacts
    }

    /// The most contacts one organization may list.
    public static let maximumContacts = 20

    /// Checks the request and builds a pending organization.
    ///
    /// - Parameters:
    ///   - id: The new organization's identifier.
    ///   - now: The creation time.
    /// - Returns: The organization, pending verification.
    /// - Throws: `ClearinghouseError.invalidField` naming the first field at fault.
    public func validated(id: Organization.ID, now: Date) throws(ClearinghouseError) -> Organization {
        let name = try TextRules.singleLine(self.name, field: "name", maximumLength: 200)
        let kind = try OrganizationKind.parse(self.kind, field: "kind")
        let sector: Sector?
        switch (kind, self.sector) {
        case (.operator, nil):
            throw .invalidField("sector", "Operator organizations need a `sector`: one of \(Self.sectorList).")
        case (.operator, let text?):
            sector = try Sector.parse(text, field: "sector")
        case (_, nil):
            sector = nil
        case (_, .some):
            throw .invalidField(
                "sector", "`sector` applies to operator organizations only; leave it out for `\(kind.rawValue)`.")
        }
        guard contacts.count <= Self.maximumContacts else {
            throw .invalidField("contacts", "At most \(Self.maximumContacts) contacts may be listed.")
        }
        let contacts = try self.contacts.enumerated().map { (index, contact) throws(ClearinghouseError) in
            try contact.validated(field: "contacts[\(index)]")
        }
        return Organization(
            id: id, name: name, kind: kind, sector: sector, contacts: contacts, verification: .pending, createdAt: now)
    }

    private static var sectorList: String {
        Sector.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    }
}

extension Contact {
    func validated(field: String) throws(ClearinghouseError) -> Contact {
        let name = try TextRules.singleLine(name, field: "\(field).name", maximumLength: 200)
        let email = try TextRules.singleLine(email, field: "\(field).email", maximumLength: 254)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !email.contains(" ")
        else {
            throw .invalidField(
                "\(field).email", "`\(field).email` must be an e-mail address such as `psirt@example.org`.")
        }
        let phone = try phone.map { (text) throws(ClearinghouseError) in
            try TextRules.singleLine(text, field: "\(field).phone", maximumLength: 40)
        }
        let role = try role.map { (text) throws(ClearinghouseError) in
            try TextRules.singleLine(text, field: "\(field).role", maximumLength: 200)
        }
        return Contact(name: name, email: email, phone: phone, role: role)
    }
}
