import Foundation
import JSONSupport
import Testing

@testable import ClearinghouseCore

@Suite struct AdvisoryDraftSTIXTests {
    @Test func nameBasedUUIDsMatchRFC9562() {
        // RFC 9562, appendix A.4: the DNS namespace and "www.example.com".
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(
            AdvisoryDraft.nameBasedUUID("www.example.com", in: dns)
                == UUID(uuidString: "2ed6657d-e927-568b-95e1-2665a8aea6a2"))
    }

    @Test func anAdvisoryIsAVulnerabilityObjectWithAStableID() throws {
        let draft = try AdvisoryDraftOSVTests.draft()
        guard case .object(let object) = draft.stixVulnerability() else {
            Issue.record("not an object")
            return
        }
        #expect(object["type"] == .string("vulnerability") && object["spec_version"] == .string("2.1"))
        #expect(object["name"] == .string("CHX-2026-0001"))
        #expect(object["created"] == .string("2026-12-04T16:00:00.000Z"))
        #expect(object["modified"] == .string("2026-12-04T17:00:00.000Z"))
        let id = try #require(object["id"].flatMap { if case .string(let text) = $0 { text } else { nil } })
        #expect(id == draft.stixID && id.hasPrefix("vulnerability--"))
        // Version 5, RFC variant; the same advisory id gives the same object id.
        let uuid = try #require(UUID(uuidString: String(id.dropFirst("vulnerability--".count))))
        #expect(uuid.uuidString.lowercased().dropFirst(14).first == "5")
        #expect("89ab".contains(uuid.uuidString.lowercased().dropFirst(19).first!))
        #expect(try AdvisoryDraftOSVTests.draft().stixID == id)
        #expect(
            object["external_references"]
                == .array([
                    .object(["source_name": .string("chx"), "external_id": .string("CHX-2026-0001")]),
                    .object(["source_name": .string("cve"), "external_id": .string("CVE-2026-40001")]),
                    .object([
                        "source_name": .string("fix"),
                        "url": .string("https://git.example/acme/hdrparse/commit/1a2b3c"),
                    ]),
                ]))
    }
}
