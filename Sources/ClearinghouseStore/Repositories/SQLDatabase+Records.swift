import SQLKit

extension SQLDatabase {
    /// Inserts one record whose properties name its columns in camelCase.
    func insert(_ record: some Encodable & Sendable, into table: String) async throws {
        try await insert(into: table)
            .model(record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            .run()
    }
}

extension SQLRow {
    /// Decodes a record whose properties name its columns in camelCase, optionally behind a column prefix.
    func record<Record: Decodable>(_ type: Record.Type, prefix: String? = nil) throws -> Record {
        try decode(model: type, prefix: prefix, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
