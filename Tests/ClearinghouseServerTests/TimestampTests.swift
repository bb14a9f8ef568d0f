import Foundation
import JSONSupport
import Testing

@testable import ClearinghouseServer

@Suite struct TimestampTests {
    /// The hand-written formatter agrees with Foundation's RFC 3339 formatter, and the parser reads both forms.
    @Test func formattingMatchesFoundationAndParsingRoundTrips() {
        let utc = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
        var mutator = 0x1234_5678 as UInt64
        for _ in 0..<2_000 {
            mutator = mutator &* 6_364_136_223_846_793_005 &+ 1
            let date = Date(timeIntervalSince1970: Double(mutator % 4_102_444_800) + 0.75)
            let text = JSONWriter.timestamp(date)
            #expect(text == date.formatted(utc))
            #expect(
                JSONCoding.parseTimestamp(text)
                    == Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
        }
        #expect(JSONWriter.timestamp(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(
            JSONCoding.parseTimestamp("2027-01-15T09:00:00.250+01:00")
                == Date(timeIntervalSince1970: 1_800_003_600 - 3_600 + 0.25))
        #expect(JSONCoding.parseTimestamp("2027-01-15") == nil)
    }
}
