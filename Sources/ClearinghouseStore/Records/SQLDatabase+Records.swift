import SQLKit

extension SQLDatabase {
    /// Inserts one record whose properties name its columns in camelCase.
    func insert(_ record: some Encodable & Sendable, into table: String) async throws {
        try await insert(into: table)
            .model(record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            .run()
    }

    /// Inserts one row of bound values into a statement written once per table (`INSERT INTO table (columns)
    /// VALUES (…)`): for rows written on every request (audit events, scan leases), where building and serializing
    /// a query builder costs more than the insert itself.
    func insert(row values: [any Encodable & Sendable], into statement: InsertStatement) async throws {
        precondition(values.count == statement.columnCount, "a row for \(statement.prefix) has the wrong width")
        try await raw("\(unsafeRaw: statement.prefix)\(binds: values))").run()
    }

    /// Inserts rows of bound values, 2,000 rows to a statement: few round trips, and within every engine's limit
    /// on bound parameters for rows of up to 16 columns.
    func insert(_ rows: [[any Encodable & Sendable]], into table: String, columns: [String]) async throws {
        try await insert(rows, into: table, columns: columns) { $0 }
    }

    /// Inserts a row for each item, its values made as its statement is built, so that only one statement's
    /// values (a finding's document among them) are in memory at a time.
    func insert<Item>(
        _ items: [Item], into table: String, columns: [String],
        values: (Item) throws -> [any Encodable & Sendable]
    ) async throws {
        var start = 0
        while start < items.count {
            let chunk = items[start..<min(start + 2_000, items.count)]
            var statement = insert(into: table).columns(columns)
            for item in chunk {
                statement = statement.values(try values(item))
            }
            try await statement.run()
            start += chunk.count
        }
    }
}

/// The columns of a record read from a table under an alias, each named `<alias>_<column>`, for joined reads that
/// ``SQLRow/record(_:prefix:)`` takes apart again with the prefix `<alias>_`.
func aliasedColumns(_ columns: [String], of alias: String) -> [SQLAlias] {
    columns.map { SQLAlias(SQLColumn($0, table: alias), as: SQLIdentifier(alias + "_" + $0)) }
}

extension SQLRow {
    /// Decodes a record whose properties name its columns in camelCase, optionally behind a column prefix.
    func record<Record: Decodable>(_ type: Record.Type, prefix: String? = nil) throws -> Record {
        try decode(model: type, prefix: prefix, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

/// The fixed head of a one-row insert, `INSERT INTO "table" ("a", "b") VALUES (`, written once.
struct InsertStatement: Sendable {
    let prefix: String
    let columnCount: Int

    init(table: String, columns: [String]) {
        prefix = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES ("
        columnCount = columns.count
    }
}
