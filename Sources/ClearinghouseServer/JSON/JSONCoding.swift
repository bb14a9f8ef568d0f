import Foundation

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

    /// Writes a time as RFC 3339 in UTC, to the second: `2026-11-21T19:46:00Z`.
    ///
    /// Written out by hand: every response carries several times, and the general-purpose formatters cost more
    /// than the rest of a small response.
    static func formatTimestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func append(_ value: Int32, digits: Int) {
            var divisor: Int32 = 1
            for _ in 1..<digits { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor))
                remaining %= divisor
                divisor /= 10
            }
        }
        append(parts.tm_year + 1900, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(parts.tm_mon + 1, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(parts.tm_mday, digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(parts.tm_hour, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(parts.tm_min, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(parts.tm_sec, digits: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
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
