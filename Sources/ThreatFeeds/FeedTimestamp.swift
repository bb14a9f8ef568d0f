public import Foundation

/// The timestamps feeds write: ISO 8601 in UTC with any number of fractional digits (KEV's `dateReleased` has
/// four), or a bare `YYYY-MM-DD`.
public enum FeedTimestamp {
    /// The moment a text names, or nil.
    public static func parse(_ text: some StringProtocol) -> Date? {
        let text = String(text)
        if let day = CalendarDay(text) { return day.start }
        guard text.count >= 20, let day = CalendarDay(text.prefix(10)) else { return nil }
        let rest = Array(text.utf8.dropFirst(10))
        // "THH:MM:SS", optional ".fraction", then "Z" or "+00:00".
        guard rest.count >= 10, rest[0] == UInt8(ascii: "T"), rest[3] == UInt8(ascii: ":"), rest[6] == UInt8(ascii: ":"),
            let hours = number(rest[1..<3]), let minutes = number(rest[4..<6]), let seconds = number(rest[7..<9]),
            hours < 24, minutes < 60, seconds < 61
        else { return nil }
        var index = 9
        var fraction = 0.0
        if rest[index] == UInt8(ascii: ".") {
            var scale = 0.1
            index += 1
            let start = index
            while index < rest.count, let digit = number(rest[index..<index + 1]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        let zone = String(decoding: rest[index...], as: UTF8.self)
        guard zone == "Z" || zone == "+00:00" else { return nil }
        return day.start.addingTimeInterval(Double(hours * 3600 + minutes * 60 + seconds) + fraction)
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
