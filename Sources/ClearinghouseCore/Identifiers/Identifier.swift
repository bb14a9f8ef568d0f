public import Foundation

/// A typed identifier: `Organization.ID` and `APIToken.ID` are different types, so one cannot be passed for the
/// other.
///
/// The value is a UUID written in lowercase. Identifiers minted by ``Dependencies/makeID()`` are UUIDv7 values,
/// whose text sorts in creation order, which is what cursor pagination relies on.
public struct Identifier<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The canonical lowercase text of the UUID.
    public let rawValue: String

    /// Wraps a UUID.
    public init(_ uuid: UUID) {
        self.rawValue = uuid.uuidString.lowercased()
    }

    /// Parses the text of a UUID in any letter case.
    ///
    /// - Returns: `nil` when the text is not a UUID.
    public init?(_ description: String) {
        guard description.utf8.count == 36, let uuid = UUID(uuidString: description) else { return nil }
        self.init(uuid)
    }

    public var description: String { rawValue }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension Identifier: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let identifier = Identifier(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID: \(text)")
        }
        self = identifier
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
