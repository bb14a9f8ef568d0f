import ClearinghouseCore
import Foundation

/// A row of `organizations`.
struct OrganizationRecord: Codable, Sendable {
    static let table = "organizations"
    static let columns = [
        "id", "name", "kind", "sector", "contacts", "verification_state", "verified_at", "verified_by", "created_at",
        "requires_second_factor",
    ]

    var id: String
    var name: String
    var kind: String
    var sector: String?
    /// The contacts as a JSON array.
    var contacts: String
    var verificationState: String
    var verifiedAt: Int64?
    var verifiedBy: String?
    var createdAt: Int64
    /// 1 when every person of the organization must use a second factor.
    var requiresSecondFactor: Int

    init(_ organization: Organization) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        id = organization.id.rawValue
        name = organization.name
        kind = organization.kind.rawValue
        sector = organization.sector?.rawValue
        contacts = String(decoding: try encoder.encode(organization.contacts), as: UTF8.self)
        verificationState = organization.verification.state.rawValue
        verifiedAt = organization.verification.verifiedAt.map(Timestamp.microseconds)
        verifiedBy = organization.verification.verifiedBy?.rawValue
        createdAt = Timestamp.microseconds(organization.createdAt)
        requiresSecondFactor = organization.requiresSecondFactor ? 1 : 0
    }

    func organization() throws -> Organization {
        let table = Self.table
        let contacts: [Contact]
        do {
            contacts = try JSONDecoder().decode([Contact].self, from: Data(self.contacts.utf8))
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "contacts are not a JSON list of contacts")
        }
        return Organization(
            id: try .stored(id, table: table, id: id, column: "id"),
            name: name,
            kind: try .stored(kind, table: table, id: id, column: "kind"),
            sector: try sector.map { try .stored($0, table: table, id: id, column: "sector") },
            contacts: contacts,
            verification: Verification(
                state: try .stored(verificationState, table: table, id: id, column: "verification_state"),
                verifiedAt: verifiedAt.map(Timestamp.date),
                verifiedBy: try verifiedBy.map { try .stored($0, table: table, id: id, column: "verified_by") }),
            createdAt: Timestamp.date(createdAt), requiresSecondFactor: requiresSecondFactor != 0)
    }
}
