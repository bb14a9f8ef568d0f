import ClearinghouseCore

/// A stored value that this build cannot read back: the database was written by something else or tampered with.
struct StoreCorruption: Error, CustomStringConvertible {
    let table: String
    let id: String
    let problem: String

    var description: String { "\(table) row \(id): \(problem)" }
}

extension RawRepresentable where RawValue == String {
    /// Reads a stored enumeration value, failing loudly on one this build does not know.
    static func stored(_ raw: String, table: String, id: String, column: String) throws -> Self {
        guard let value = Self(rawValue: raw) else {
            throw StoreCorruption(table: table, id: id, problem: "unknown \(column) `\(raw)`")
        }
        return value
    }
}

extension Identifier {
    /// Reads a stored identifier, failing loudly on one that is not a UUID.
    static func stored(_ raw: String, table: String, id: String, column: String) throws -> Self {
        guard let value = Self(raw) else {
            throw StoreCorruption(table: table, id: id, problem: "\(column) `\(raw)` is not a UUID")
        }
        return value
    }
}
