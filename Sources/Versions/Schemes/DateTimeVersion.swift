/// A version that is a point in time, written as an RFC 3339 timestamp (`2024-01-01T00:00:00Z`,
/// `2024-01-01T02:00:00.5+02:00`), ordered by the instant it names (`vers:datetime`).
public struct DateTimeVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let description: String
    /// Seconds since 1970-01-01T00:00:00Z.
    let seconds: Int64
    /// Fraction-of-second digits, without trailing zeros.
    let fraction: String

    /// Parses a timestamp in RFC 3339's `date-time` form, with upper-case `T` and `Z`.
    ///
    /// - Throws: `VersionError` naming the part at fault.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>, _ part: String) throws(VersionError) -> Int64 {
            guard range.upperBound <= bytes.count,
                bytes[range].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let value = Int64(String(decoding: bytes[range], as: UTF8.self))
            else { throw VersionError("The \(part) of `\(text)` is not a number.") }
            return value
        }
        func expect(_ index: Int, _ character: Character) throws(VersionError) {
            guard index < bytes.count, bytes[index] == character.asciiValue else {
                throw VersionError("`\(text)` is not an RFC 3339 timestamp: `\(character)` expected at \(index + 1).")
            }
        }
        let year = try number(0..<4, "year")
        try expect(4, "-")
        let month = try number(5..<7, "month")
        try expect(7, "-")
        let day = try number(8..<10, "day")
        try expect(10, "T")
        let hour = try number(11..<13, "hour")
        try expect(13, ":")
        let minute = try number(14..<16, "minute")
        try expect(16, ":")
        let second = try number(17..<19, "second")
        guard (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day), hour < 24,
            minute < 60, second <= 60
        else { throw VersionError("`\(text)` names no real date and time.") }
        var index = 19
        var fraction = ""
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start else { throw VersionError("The fraction of `\(text)` has no digits.") }
            fraction = String(
                String(decoding: bytes[start..<index], as: UTF8.self).reversed().drop { $0 == "0" }.reversed())
        }
        var offset: Int64 = 0
        if index < bytes.count && bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
            let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            let hours = try number(index + 1..<index + 3, "offset")
            try expect(index + 3, ":")
            let minutes = try number(index + 4..<index + 6, "offset")
            guard hours < 24, minutes < 60 else { throw VersionError("The offset of `\(text)` is out of range.") }
            offset = sign * (hours * 3600 + minutes * 60)
            index += 6
        } else {
            throw VersionError("`\(text)` needs a time zone: `Z` or `+hh:mm`.")
        }
        guard index == bytes.count else { throw VersionError("`\(text)` has text after its time zone.") }
        description = text
        seconds =
            Self.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60
            + second - offset
        self.fraction = fraction
    }

    /// The instant in whole microseconds since 1970-01-01T00:00:00Z (finer fractions are truncated).
    public var microsecondsSinceEpoch: Int64 {
        let digits = (fraction + "000000").prefix(6)
        return seconds * 1_000_000 + (Int64(digits) ?? 0)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.seconds != rhs.seconds ? lhs.seconds < rhs.seconds : Order.bytes(lhs.fraction.utf8, rhs.fraction.utf8) < 0
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.seconds == rhs.seconds && lhs.fraction == rhs.fraction
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(fraction)
    }

    private static func days(inMonth month: Int64, of year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Timestamps as versions (`vers:datetime`).
public struct DateTimeScheme: VersionScheme {
    public let name = "datetime"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> DateTimeVersion {
        try DateTimeVersion(parsing: text)
    }
}
