import ClearinghouseCore
import Foundation

/// A row of `people`. The password is kept as its scrypt hash; the authenticator secret as TOTP's encoded form,
/// since checking a code needs the secret itself.
struct PersonRecord: Codable, Sendable {
    static let table = "people"
    static let columns = [
        "id", "organization_id", "email", "name", "role", "password_hash", "second_factor", "last_code_step",
        "failed_sign_ins", "locked_until", "created_at", "disabled_at",
    ]

    var id: String
    var organizationId: String
    var email: String
    var name: String
    var role: String
    var passwordHash: String?
    var secondFactor: String?
    var lastCodeStep: Int64?
    var failedSignIns: Int
    var lockedUntil: Int64?
    var createdAt: Int64
    var disabledAt: Int64?

    init(_ person: Person) {
        id = person.id.rawValue
        organizationId = person.organizationID.rawValue
        email = person.email
        name = person.name
        role = person.role.rawValue
        passwordHash = person.password?.encoded
        secondFactor = person.secondFactor?.encoded
        lastCodeStep = person.lastCodeStep.map { Int64(clamping: $0) }
        failedSignIns = person.failedSignIns
        lockedUntil = person.lockedUntil.map(Timestamp.microseconds)
        createdAt = Timestamp.microseconds(person.createdAt)
        disabledAt = person.disabledAt.map(Timestamp.microseconds)
    }

    func person() throws -> Person {
        let table = Self.table
        let password = try passwordHash.map { text in
            guard let hash = PasswordHash(encoded: text) else {
                throw StoreCorruption(table: table, id: id, problem: "password_hash is not an scrypt hash")
            }
            return hash
        }
        let secondFactor = try secondFactor.map { text in
            guard let totp = TOTP(encoded: text) else {
                throw StoreCorruption(table: table, id: id, problem: "second_factor is not a TOTP secret")
            }
            return totp
        }
        return Person(
            id: try .stored(id, table: table, id: id, column: "id"),
            organizationID: try .stored(organizationId, table: table, id: id, column: "organization_id"),
            email: email, name: name, role: try .stored(role, table: table, id: id, column: "role"),
            password: password, secondFactor: secondFactor, lastCodeStep: lastCodeStep.map { UInt64(max(0, $0)) },
            failedSignIns: failedSignIns, lockedUntil: lockedUntil.map(Timestamp.date),
            createdAt: Timestamp.date(createdAt), disabledAt: disabledAt.map(Timestamp.date))
    }
}
