public import Foundation

/// A moment as people agree on it: a local date and time in a named time zone, such as `2027-03-04T09:00` in
/// `America/New_York`. Vendors on several continents agree on the wall-clock time of one place; the instant follows
/// from it, daylight saving included.
public struct PublicDate: Sendable, Hashable, CustomStringConvertible {
    /// The local date and time, `YYYY-MM-DDTHH:MM`.
    public let local: String
    /// The IANA time zone the local time is in (`Europe/Berlin`, `UTC`).
    public let timeZone: String
    /// The instant it names.
    public let instant: Date

    /// Reads a local date and time and its time zone.
    ///
    /// - Throws: `invalid_field` for `local` when it is not `YYYY-MM-DDTHH:MM`, names no real date, or names a time
    ///   that does not exist in the zone (the clocks skip it when daylight saving starts); for `time_zone` when the
    ///   zone is not an IANA name this machine knows.
    public init(local text: String, timeZone name: String) throws(ClearinghouseError) {
        guard name.utf8.count <= 64, Self.knownZones.contains(name) || name == "UTC",
            let zone = TimeZone(identifier: name)
        else {
            throw .invalidField(
                "time_zone", "`time_zone` is an IANA time zone name such as `America/New_York` or `UTC`.")
        }
        guard let parts = Self.parts(text) else {
            throw .invalidField(
                "local", "`local` is a date and time written `YYYY-MM-DDTHH:MM`, such as `2027-03-04T09:00`.")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let wanted = DateComponents(
            year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute)
        guard let instant = calendar.date(from: wanted),
            calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant) == wanted
        else {
            throw .invalidField(
                "local", "`\(text)` is not a time that exists in \(name): no such day, or the clocks skip it.")
        }
        self.local = text
        self.timeZone = name
        self.instant = instant
    }

    /// The instant written in `timeZone`, to the minute (seconds are dropped).
    public init(_ instant: Date, in timeZone: String) throws(ClearinghouseError) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw .invalidField("time_zone", "`\(timeZone)` is not a time zone this machine knows.")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let text = String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
        try self.init(local: text, timeZone: timeZone)
    }

    /// A date as it was stored, checked when it was first read: a later change of the zone's rules moves neither
    /// the instant agreed on nor its text.
    public init(stored local: String, timeZone: String, instant: Date) {
        self.local = local
        self.timeZone = timeZone
        self.instant = instant
    }

    /// The IANA names, read once (the abbreviations `TimeZone` also takes, such as `EST`, are ambiguous).
    private static let knownZones = Set(TimeZone.knownTimeZoneIdentifiers)

    /// `2027-03-04T09:00 America/New_York`
    public var description: String { "\(local) \(timeZone)" }

    /// The numbers of `YYYY-MM-DDTHH:MM`, or `nil` when the text is not exactly that.
    private static func parts(_ text: String) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), year >= 1970, (1...12).contains(month),
            (1...31).contains(day), hour < 24, minute < 60
        else { return nil }
        return (year, month, day, hour, minute)
    }
}
