import ClearinghouseCore
import Foundation
import OSV
import TLP
import Testing

/// The in-memory advisory index: updates replace what an advisory affected, and answers pass the access policy.
@Suite struct AdvisoryIndexTests {
    static func advisory(
        _ id: String, name: String = "demo", ecosystem: String = "PyPI", fixed: String, label: TLPLabel = .clear,
        published: Bool = true, owner: Organization.ID? = nil, modified: String = "2024-01-01T00:00:00Z"
    ) throws -> Advisory {
        let json =
            #"{"id": "\#(id)", "modified": "\#(modified)", "affected": [{"package": {"ecosystem": "\#(ecosystem)", "name": "\#(name)"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "\#(fixed)"}]}]}]}"#
        let record = try #require(try OSVRecord.read(Data(json.utf8), format: .json).record)
        return try Advisory(
            record: record, visibility: Visibility(label: label, owner: owner), isPublished: published)
    }

    @Test func anUpdateReplacesWhatTheAdvisoryAffected() throws {
        var index = AdvisoryIndex()
        index.upsert(try Self.advisory("PYSEC-1", fixed: "2.0"))
        #expect(
            index.advisories(affecting: "PyPI", name: "Demo", version: "1.5", visibleTo: .anonymous).map(\.id.rawValue)
                == ["PYSEC-1"])
        index.upsert(try Self.advisory("PYSEC-1", name: "other", fixed: "2.0", modified: "2024-02-01T00:00:00Z"))
        #expect(index.advisories(affecting: "PyPI", name: "demo", version: "1.5", visibleTo: .anonymous).isEmpty)
        #expect(index.advisories(affecting: "PyPI", name: "other", version: "1.5", visibleTo: .anonymous).count == 1)
        #expect(index.count == 1)
        index.remove(.init(rawValue: "PYSEC-1"))
        #expect(index.count == 0)
        #expect(index.advisories(affecting: "PyPI", name: "other", version: nil, visibleTo: .anonymous).isEmpty)
    }

    @Test func ecosystemSuffixesAndAllVersions() throws {
        var index = AdvisoryIndex()
        index.upsert(try Self.advisory("DSA-1", name: "openssl", ecosystem: "Debian:12", fixed: "3.0.11-1"))
        index.upsert(try Self.advisory("DSA-2", name: "openssl", ecosystem: "Debian:11", fixed: "1.1.1w-0"))
        let all = index.advisories(affecting: "Debian", name: "openssl", version: nil, visibleTo: .anonymous)
        #expect(all.map(\.id.rawValue) == ["DSA-1", "DSA-2"])
        let twelve = index.advisories(
            affecting: "Debian:12", name: "openssl", version: "3.0.9-1", visibleTo: .anonymous)
        #expect(twelve.map(\.id.rawValue) == ["DSA-1"])
    }

    @Test func draftsAndLabelsPassThePolicy() throws {
        var index = AdvisoryIndex()
        index.upsert(try Self.advisory("x_green", fixed: "2.0", label: .green))
        index.upsert(try Self.advisory("x_draft", fixed: "2.0", published: false))
        index.upsert(try Self.advisory("x_clear", fixed: "2.0"))
        let anonymous = index.advisories(affecting: "PyPI", name: "demo", version: "1.0", visibleTo: .anonymous)
        #expect(anonymous.map(\.id.rawValue) == ["x_clear"])
        let member = Party.member(Fixtures.member(Fixtures.organization(.operator), role: .reader))
        let visible = index.advisories(affecting: "PyPI", name: "demo", version: "1.0", visibleTo: member)
        #expect(visible.map(\.id.rawValue) == ["x_clear", "x_green"])
    }
}
