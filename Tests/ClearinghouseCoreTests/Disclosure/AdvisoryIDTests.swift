import ClearinghouseCore
import Foundation
import Testing

@Suite struct AdvisoryIDTests {
    @Test func idsCountWithinTheYearAndStartAgainInTheNext() throws {
        let first = try AdvisoryID.next(after: nil, prefix: "CHX", year: 2026)
        #expect(first.description == "CHX-2026-0001")
        let second = try AdvisoryID.next(after: first, prefix: "CHX", year: 2026)
        #expect(second.description == "CHX-2026-0002" && first < second)
        #expect(try AdvisoryID.next(after: second, prefix: "CHX", year: 2027).description == "CHX-2027-0001")
        let big = try AdvisoryID(prefix: "STATE1", year: 2026, number: 12_345)
        #expect(big.description == "STATE1-2026-12345")
        #expect(try AdvisoryID(parsing: "STATE1-2026-12345") == big)
        #expect(try AdvisoryID(parsing: "CHX-2026-0001") == first)
    }

    @Test(arguments: [
        "CHX-2026-1", "CHX-2026-00001", "chx-2026-0001", "CHX-26-0001", "CHX-2026-0000", "CHX-2026-00a1",
        "CHX_2026_0001", "CHX-2026-0001-1", "-2026-0001", "CVE-2026-0001", "1CH-2026-0001", "CHX-2026-+001",
        "CHX-1969-0001",
    ])
    func badIdsAreRefused(_ text: String) {
        let error = #expect(throws: ClearinghouseError.self) { try AdvisoryID(parsing: text) }
        #expect(error?.field == "id" || error?.field == "prefix", "\(String(describing: error))")
    }

    @Test func prefixesAreOurOwn() throws {
        try AdvisoryID.checkPrefix("CHX")
        #expect(try AdvisoryID(parsing: "CHX-2026-0001").osv == "x_CHX-2026-0001")
        for prefix in ["C", "GHSA", "CVE", "RUSTSEC", "UBUNTU", "chx", "CH-X", "ABCDEFGHIJKLM", "ÄBC"] {
            let error = #expect(throws: ClearinghouseError.self) { try AdvisoryID.checkPrefix(prefix) }
            #expect(error?.field == "prefix", "\(prefix)")
        }
    }
}

@Suite struct ParticipantStatusTests {
    let vendor = Organization.ID("0190c1d2-0000-7000-8000-00000000000b")!
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aStatusCarriesItsStatement() throws {
        let fixed = try ParticipantStatus(
            organization: vendor, status: "fixed", justification: nil, statement: "Fixed in 2.4.1.", now: now)
        #expect(fixed.status == .fixed && fixed.statement == "Fixed in 2.4.1." && fixed.justification == nil)
        let notAffected = try ParticipantStatus(
            organization: vendor, status: "not_affected", justification: "vulnerable_code_not_present",
            statement: "  ", now: now)
        #expect(notAffected.justification == .vulnerableCodeNotPresent && notAffected.statement == nil)
        let unknown = try ParticipantStatus(
            organization: vendor, status: "unknown", justification: nil, statement: nil, now: now)
        #expect(unknown.status == .unknown)
    }

    @Test(
        arguments: [
            ("vulnerable", nil, nil, "status"),
            ("affected", "component_not_present", nil, "justification"),
            ("not_affected", "because", nil, "justification"),
            ("not_affected", nil, nil, "statement"),
            ("not_affected", nil, "\u{7}", "statement"),
        ] as [(String, String?, String?, String)])
    func badStatusesNameTheirField(_ status: String, _ justification: String?, _ statement: String?, _ field: String) {
        let error = #expect(throws: ClearinghouseError.self) {
            try ParticipantStatus(
                organization: vendor, status: status, justification: justification, statement: statement, now: now)
        }
        #expect(error?.field == field, "\(String(describing: error))")
    }
}
