import ClearinghouseCore
import Foundation
import OSV

/// A row of `advisories`.
struct AdvisoryRecord: Codable, Sendable {
    static let table = "advisories"
    static let columns = [
        "id", "modified", "withdrawn", "is_published", "label", "owner_organization_id", "participants", "document",
        "created_at", "updated_at",
    ]

    var id: String
    var modified: Int64
    var withdrawn: Int64?
    var isPublished: Int
    var label: String
    var ownerOrganizationId: String?
    /// Need-to-know organization ids as a JSON array.
    var participants: String
    /// The OSV document as JSON, unknown fields included.
    var document: String
    var createdAt: Int64
    var updatedAt: Int64

    init(_ advisory: Advisory, createdAt: Date, updatedAt: Date) throws {
        id = advisory.id.rawValue
        modified = Timestamp.microseconds(advisory.modified)
        withdrawn = advisory.record.withdrawn.flatMap(OSVTime.date).map(Timestamp.microseconds)
        isPublished = advisory.isPublished ? 1 : 0
        label = advisory.visibility.label.rawValue
        ownerOrganizationId = advisory.visibility.owner?.rawValue
        participants = String(
            decoding: try JSONEncoder().encode(advisory.visibility.participants.map(\.rawValue).sorted()),
            as: UTF8.self)
        document = String(decoding: advisory.record.document.jsonData, as: UTF8.self)
        self.createdAt = Timestamp.microseconds(createdAt)
        self.updatedAt = Timestamp.microseconds(updatedAt)
    }

    func advisory() throws -> Advisory {
        let table = Self.table
        let reading: OSVReading
        do {
            reading = try OSVRecord.read(Data(document.utf8), format: .json)
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "the document is not JSON")
        }
        guard let record = reading.record else {
            throw StoreCorruption(table: table, id: id, problem: "the document is not a valid OSV record")
        }
        let participants: [String]
        do {
            participants = try JSONDecoder().decode([String].self, from: Data(self.participants.utf8))
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "participants are not a JSON list")
        }
        let visibility = Visibility(
            label: try .stored(label, table: table, id: id, column: "label"),
            owner: try ownerOrganizationId.map {
                try .stored($0, table: table, id: id, column: "owner_organization_id")
            },
            participants: Set(try participants.map { try .stored($0, table: table, id: id, column: "participants") }))
        return try Advisory(record: record, visibility: visibility, isPublished: isPublished != 0)
    }
}
