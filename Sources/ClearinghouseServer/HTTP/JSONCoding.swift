import ClearinghouseCore
import Foundation
public import JSONSupport

/// The JSON conventions of the API: RFC 3339 times in UTC; field names are spelled out (snake_case) by each
/// type's coding keys. Responses are written by ``JSONWriter``.
enum JSONCoding {
    /// The decoder for request bodies: accepts RFC 3339 times with or without fractional seconds.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "must be an RFC 3339 time such as 2026-12-31T23:59:59Z")
            }
            return date
        }
        return decoder
    }

    /// Reads an RFC 3339 time, with or without fractional seconds.
    static func parseTimestamp(_ text: String) -> Date? {
        let utc = TimeZone(identifier: "UTC")!
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: utc).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle(timeZone: utc).parse(text)
    }
}
