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

    /// Parses the text of a UUID (8-4-4-4-12 hexadecimal digits) in any letter case.
    ///
    /// Checked byte by byte rather than through `UUID(uuidString:)`: every row read parses several identifiers, and
    /// Foundation's parser (a formatted scan, then a formatted print back to text) was a tenth of the time of
    /// reading 10,000 cases.
    ///
    /// - Returns: `nil` when the text is not a UUID.
    public init?(_ description: String) {
        var position = 0
        var uppercase = false
        for byte in description.utf8 {
            let dash = position == 8 || position == 13 || position == 18 || position == 23
            switch byte {
            case UInt8(ascii: "-") where dash: break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"):
                guard !dash else { return nil }
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                guard !dash else { return nil }
                uppercase = true
            default:
                return nil
            }
            position += 1
            guard position <= 36 else { return nil }
        }
        guard position == 36 else { return nil }
        self.rawValue = uppercase ? description.lowercased() : description
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
