import ClearinghouseCore
import Foundation
import SQLKit

/// A row read back from a table, whose typed columns fail loudly, naming the table, the row and the column, on a
/// value this build cannot read (see ``StoreCorruption``).
struct StoredRow {
    let row: any SQLRow
    let table: String
    /// The row's `id`, for errors.
    let id: String

    init(_ row: any SQLRow, table: String, idColumn: String = "id") throws {
        self.row = row
        self.table = table
        id = try row.decode(column: idColumn, as: String.self)
    }

    func text(_ column: String) throws -> String {
        try row.decode(column: column, as: String.self)
    }

    func optionalText(_ column: String) throws -> String? {
        try row.decode(column: column, as: String?.self)
    }

    func value<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try row.decode(column: column, as: type)
    }

    /// A stored identifier.
    func identifier<Entity>(_ column: String) throws -> Identifier<Entity> {
        try .stored(try text(column), table: table, id: id, column: column)
    }

    func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>? {
        try optionalText(column).map { try .stored($0, table: table, id: id, column: column) }
    }

    /// A stored enumeration value.
    func enumeration<T: RawRepresentable<String>>(_ column: String) throws -> T {
        try .stored(try text(column), table: table, id: id, column: column)
    }

    func optionalEnumeration<T: RawRepresentable<String>>(_ column: String) throws -> T? {
        try optionalText(column).map { try .stored($0, table: table, id: id, column: column) }
    }

    /// A time stored as microseconds.
    func date(_ column: String) throws -> Date {
        Timestamp.date(try row.decode(column: column, as: Int64.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try row.decode(column: column, as: Int64?.self).map(Timestamp.date)
    }

    func optionalJSON<T: Decodable>(_ column: String, as type: T.Type, what: String) throws -> T? {
        try optionalText(column) == nil ? nil : try json(column, as: type, what: what)
    }

    /// A JSON column decoded as `type`.
    func json<T: Decodable>(_ column: String, as type: T.Type, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(try text(column).utf8))
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "the \(what) is not readable: \(error)")
        }
    }
}
