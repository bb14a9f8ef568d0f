import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import TLP
import Testing

@Suite struct PaginationTests {
    @Test func cursorsRoundTripAndForeignOnesAreRefused() throws {
        let key = "01a1ffb2-b52c-7eae-b77c-a56b41a773a6"
        #expect(try Cursor.decode(Cursor.encode(key)) == key)
        for foreign in ["", "abc", "!!!", Data("c2:x".utf8).base64EncodedString(), String(repeating: "A", count: 600)] {
            #expect(throws: ClearinghouseError.self) { try Cursor.decode(foreign) }
        }
    }

    /// Every cursor the contract's pattern admits (`c1:` in base64url, then any bytes) names a position: the fuzzer
    /// sends such text, and a page is a better answer to it than a refusal.
    @Test func anyCursorInTheDocumentedFormNamesAPosition() throws {
        #expect(try Cursor.decode("YzE6_w") == "\u{FFFD}")
        #expect(try Cursor.decode("YzE6") == "")
        let pattern = #"^YzE6([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$"#
        for key in ["", "a", "01a3185c-5000-75aa-9410-45ef79e76975", "é🙂"] {
            #expect(Cursor.encode(key).range(of: pattern, options: .regularExpression) != nil)
        }
    }

    @Test func limitsAreCheckedAndDefaulted() throws {
        #expect(try PageRequest(limit: nil, cursor: nil).limit == PageRequest.defaultLimit)
        #expect(try PageRequest(limit: "500", cursor: nil).limit == 500)
        for bad in ["0", "-1", "501", "ten", "1.5"] {
            #expect {
                _ = try PageRequest(limit: bad, cursor: nil)
            } throws: { ($0 as? ClearinghouseError)?.field == "limit" }
        }
    }

    struct Record: Sendable {
        let key: String
        let visibility: Visibility
    }

    /// 1,000 records, one in three visible to the caller, read page by page: every visible record exactly once,
    /// in order, and no invisible one.
    @Test func collectsEveryVisibleRecordOnceAcrossPages() async throws {
        let caller = Fixtures.organization(.researcher)
        let other = Fixtures.organization(.vendor).id
        let records = (0..<1_000).map { index in
            Record(
                key: String(format: "%06d", index),
                visibility: Visibility(label: .amber, owner: index % 3 == 0 ? caller.id : other))
        }
        let party = Party.member(Fixtures.member(caller, role: .reader))
        let collector = VisiblePageCollector<Record>(policy: AccessPolicy(), key: \.key, visibility: \.visibility)
        var seen: [String] = []
        var request = PageRequest(limit: 37)
        var pages = 0
        while true {
            let page = try await collector.collect(request, for: party) { after, limit in
                Array(records.filter { after == nil || $0.key > after! }.prefix(limit))
            }
            #expect(page.items.count <= 37)
            seen += page.items.map(\.key)
            pages += 1
            guard let next = page.nextCursor else { break }
            request = PageRequest(limit: 37, after: try Cursor.decode(next))
        }
        let expected = records.enumerated().filter { $0.offset % 3 == 0 }.map(\.element.key)
        #expect(seen == expected)
        #expect(pages == (expected.count + 36) / 37)
    }
}

@Suite struct IdentifierTests {
    @Test func mintsVersion7IdentifiersThatSortByTime() {
        let clock = TestClock()
        let dependencies = Dependencies.test(clock: clock)
        let first: Organization.ID = dependencies.makeID()
        clock.advance(by: 0.002)
        let second: Organization.ID = dependencies.makeID()
        #expect(first < second)
        let text = first.rawValue
        #expect(text.count == 36)
        #expect(Array(text)[14] == "7")
        #expect("89ab".contains(Array(text)[19]))
        #expect(Organization.ID(text.uppercased()) == first)
        #expect(Organization.ID("not-a-uuid") == nil)
    }

    /// The byte-by-byte parser takes exactly UUIDs, to the same text Foundation's parser gives them.
    @Test func parsesUUIDsAsFoundationDoesAndNothingElse() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let uuid = UUID()
            for text in [uuid.uuidString, uuid.uuidString.lowercased()] {
                #expect(Organization.ID(text)?.rawValue == uuid.uuidString.lowercased())
            }
            // One byte changed: whatever is still accepted is a UUID Foundation reads the same way.
            var bytes = Array(uuid.uuidString.utf8)
            bytes[Int.random(in: 0..<36, using: &generator)] = UInt8.random(in: 0...127, using: &generator)
            let mutated = String(decoding: bytes, as: UTF8.self)
            if let parsed = Organization.ID(mutated) {
                #expect(parsed.rawValue == UUID(uuidString: mutated)?.uuidString.lowercased(), "\(mutated)")
            }
        }
        let valid = "01a23e50-42d0-748f-a83b-ffb6a106b4bc"
        for refused in [
            "", String(valid.dropLast()), valid + "0", valid.replacingOccurrences(of: "-", with: "0"),
            "01a23e5042-d0-748f-a83b-ffb6a106b4bc", "01a23e50-42d0-748f-a83b-ffb6a106b4bg",
            "01a23e50-42d0-748f-a83b-ffb6a106b4b\u{E9}", " 1a23e50-42d0-748f-a83b-ffb6a106b4bc",
            "+1a23e50-42d0-748f-a83b-ffb6a106b4bc",
        ] {
            #expect(Organization.ID(refused) == nil, "\(refused)")
        }
    }
}

@Suite struct IdentifierSequenceTests {
    @Test func identifiersIncreaseWhenTheClockStandsStill() {
        let dependencies = Dependencies.test()
        let identifiers: [Organization.ID] = (0..<10_000).map { _ in dependencies.makeID() }
        #expect(identifiers == identifiers.sorted())
        #expect(Set(identifiers).count == identifiers.count)
    }
}
