extension Decoder {
    /// Refuses an object with a member that `Keys` does not name, so that a misspelt optional field is reported
    /// rather than ignored.
    ///
    /// - Throws: `DecodingError.dataCorrupted` at the unknown member, listing the accepted names.
    public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let container = try container(keyedBy: MemberName.self)
        guard let unknown = container.allKeys.first(where: { Keys(stringValue: $0.stringValue) == nil }) else {
            return
        }
        let accepted = Keys.allCases.map { "`\($0.stringValue)`" }.joined(separator: ", ")
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: codingPath + [unknown],
                debugDescription: "is not a known field; the object accepts \(accepted)"))
    }
}

/// Any member name, for reading the names an object has.
public struct MemberName: CodingKey {
    public let stringValue: String
    public let intValue: Int? = nil

    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
