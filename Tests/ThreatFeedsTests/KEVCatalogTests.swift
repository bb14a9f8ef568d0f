import Foundation
import Testing
import ThreatFeeds

@Suite struct KEVCatalogTests {
    static let resources = Bundle.module.bundleURL.appendingPathComponent("Resources")
    static let catalogData = Result {
        try Data(contentsOf: resources.appendingPathComponent("known_exploited_vulnerabilities.json"))
    }

    @Test func readsCISAsCatalog() throws {
        let catalog = try KEVCatalog.read(try Self.catalogData.get())
        #expect(catalog.catalogVersion == "2025.08.25")
        #expect(catalog.releasedAt == Date(timeIntervalSince1970: 1_756_141_459.9796))
        #expect(catalog.entries.count == 1404)
        #expect(Set(catalog.entries.map(\.cveID)).count == 1404)
        let git = try #require(catalog.entries.first { $0.cveID == "CVE-2025-48384" })
        #expect(git.vendorProject == "Git")
        #expect(git.dateAdded == CalendarDay("2025-08-25"))
        #expect(git.dueDate == CalendarDay("2025-09-15"))
        #expect(git.cwes == ["CWE-59", "CWE-436"])
        #expect(catalog.entries.contains { $0.usedByRansomware })
        // The catalog's first day carried over 15 earlier directives whose deadlines had passed; every other entry
        // is due after it was added.
        let dueBeforeAdded = catalog.entries.filter { $0.dueDate < $0.dateAdded }
        #expect(dueBeforeAdded.count == 15)
        #expect(dueBeforeAdded.allSatisfy { $0.dateAdded == CalendarDay("2021-11-03") })
    }

    /// Every problem in an entry is reported with the line the entry starts on, and nothing of the file is kept.
    @Test func reportsEveryBadEntryByLine() throws {
        let text = """
            {
              "catalogVersion": "1", "dateReleased": "2025-01-01T00:00:00Z", "count": 3,
              "vulnerabilities": [
                {"cveID": "CVE-2024-0001", "vendorProject": "v", "product": "p", "vulnerabilityName": "n",
                 "dateAdded": "2024-01-02", "shortDescription": "d", "requiredAction": "a", "dueDate": "2024-01-23",
                 "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": []},
                {"cveID": "CVE-24-1", "vendorProject": "v", "product": "p", "vulnerabilityName": "n",
                 "dateAdded": "2024-02-30", "shortDescription": "d", "requiredAction": "a", "dueDate": "2024-03-01",
                 "knownRansomwareCampaignUse": "Maybe", "notes": "", "cwes": []},
                {"cveID": "CVE-2024-0001", "vendorProject": "v", "product": "p", "vulnerabilityName": "n",
                 "dateAdded": "2024-01-02", "shortDescription": "d", "requiredAction": "a", "dueDate": "2024-01-23",
                 "knownRansomwareCampaignUse": "Known", "notes": "", "cwes": []}
              ]
            }
            """
        let error = try #require(throws: FeedError.self) { try KEVCatalog.read(Data(text.utf8)) }
        #expect(error.problems.map(\.line) == [7, 7, 7, 10])
        #expect(error.problems[0].message.contains("`CVE-24-1` is not a CVE id"))
        #expect(error.problems[1].message.contains("`dateAdded` `2024-02-30`"))
        #expect(error.problems[2].message.contains("must be Known or Unknown"))
        #expect(error.problems[3].message == "CVE-2024-0001 is listed twice (first on line 4).")
    }

    @Test func namesTheLineOfAMissingField() throws {
        let text = """
            {"catalogVersion": "1", "dateReleased": "2025-01-01", "vulnerabilities": [
              {"cveID": "CVE-2024-0001"}
            ]}
            """
        let error = try #require(throws: FeedError.self) { try KEVCatalog.read(Data(text.utf8)) }
        #expect(error.problems.first?.line == 2)
        #expect(error.description.contains("`vulnerabilities[0].vendorProject` is required"))
    }

    @Test func namesTheLineOfASyntaxError() throws {
        let text = "{\n  \"catalogVersion\": \"1\",\n  \"dateReleased\": ,\n}"
        let error = try #require(throws: FeedError.self) { try KEVCatalog.read(Data(text.utf8)) }
        #expect(error.problems.first?.line == 3)
        #expect(error.description.contains("not valid JSON"))
    }

    @Test func refusesATruncatedCatalog() throws {
        let text = """
            {"catalogVersion": "1", "dateReleased": "yesterday", "count": 2, "vulnerabilities": []}
            """
        let error = try #require(throws: FeedError.self) { try KEVCatalog.read(Data(text.utf8)) }
        #expect(error.description.contains("`count` says 2 entries but the file has 0"))
        #expect(error.description.contains("`dateReleased` `yesterday` is not an ISO 8601 timestamp"))
    }

    @Test func refusesACatalogWithoutAVersion() throws {
        let text = #"{"catalogVersion": " ", "dateReleased": "2025-01-01T00:00:00Z", "vulnerabilities": []}"#
        let error = try #require(throws: FeedError.self) { try KEVCatalog.read(Data(text.utf8)) }
        #expect(error.description.contains("`catalogVersion` is empty"))
    }

    /// Any prefix of the real catalog is refused with problems, never read as a smaller catalog, and never crashes.
    @Test func refusesEveryTruncation() throws {
        let data = try Self.catalogData.get()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            let cut = Int.random(in: 0..<data.count, using: &generator)
            #expect(throws: FeedError.self) { try KEVCatalog.read(data.prefix(cut)) }
        }
    }
}

@Suite struct FeedTimestampTests {
    @Test(arguments: [
        ("2025-08-25T17:04:19.9796Z", 1_756_141_459.9796), ("2025-08-25T12:55:00Z", 1_756_126_500.0),
        ("2025-08-25T12:55:00+00:00", 1_756_126_500.0), ("2025-08-25", 1_756_080_000.0),
    ])
    func readsFeedTimestamps(text: String, seconds: Double) throws {
        let date = try #require(FeedTimestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_1)
    }

    @Test(arguments: ["2025-08-25T25:00:00Z", "2025-08-25T12:55:00", "2025-08-25 12:55:00Z", "2025-08-25T12:55:00.Z", "x"])
    func refusesOthers(text: String) {
        #expect(FeedTimestamp.parse(text) == nil)
    }
}

@Suite struct CalendarDayTests {
    @Test(arguments: [
        ("1970-01-01", 0.0), ("2024-02-29", 1_709_164_800.0), ("2025-08-25", 1_756_080_000.0),
        ("2000-03-01", 951_868_800.0),
    ])
    func startsAtMidnightUTC(text: String, seconds: Double) throws {
        let day = try #require(CalendarDay(text))
        #expect(day.start.timeIntervalSince1970 == seconds)
        #expect(CalendarDay(Date(timeIntervalSince1970: seconds + 86_399)) == day)
        #expect(day.description == text)
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024-01-32", "", "2024/01/01",
    ])
    func refusesDaysThatDoNotExist(text: String) {
        #expect(CalendarDay(text) == nil)
    }
}
