import Foundation
import OSV
import Testing

/// `affected` evaluated as the OSV specification's algorithm says.
@Suite struct EvaluationTests {
    static func record(_ affected: String, withdrawn: Bool = false) throws -> OSVRecord {
        let json = """
            {"id": "OSV-TEST-1", "modified": "2024-01-01T00:00:00Z", \(withdrawn ? "\"withdrawn\": \"2024-02-01T00:00:00Z\"," : "")
             "affected": [\(affected)]}
            """
        let reading = try OSVRecord.read(Data(json.utf8), format: .json)
        return try #require(reading.record, "\(reading.diagnostics)")
    }

    static func pypi(_ ranges: String, versions: String = "[]") -> String {
        #"{"package": {"ecosystem": "PyPI", "name": "Demo_Pkg"}, "ranges": \#(ranges), "versions": \#(versions)}"#
    }

    @Test(arguments: [
        // introduced / fixed
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.5"}]}]"#, "0.9", false),
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.5"}]}]"#, "1.0", true),
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.5"}]}]"#, "1.5rc1", true),
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.5"}]}]"#, "1.5", false),
        // introduced 0 is below everything
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]"#, "0.0.1.dev1", true),
        // last_affected includes its version
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "2.0"}]}]"#, "2.0", true),
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "2.0"}]}]"#, "2.0.post1", false),
        // several intervals in one range, events in any order
        (
            #"[{"type": "ECOSYSTEM", "events": [{"fixed": "1.5"}, {"introduced": "2.0"}, {"introduced": "1.0"}, {"fixed": "2.2"}]}]"#,
            "1.7", false
        ),
        (
            #"[{"type": "ECOSYSTEM", "events": [{"fixed": "1.5"}, {"introduced": "2.0"}, {"introduced": "1.0"}, {"fixed": "2.2"}]}]"#,
            "2.1", true
        ),
        // no fix: affected from introduced on
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "3.0"}]}]"#, "99", true),
        // limit bounds the range
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"limit": "2.0"}]}]"#, "2.1", false),
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"limit": "2.0"}]}]"#, "1.9", true),
        // the ecosystem's order, not text order
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.10"}]}]"#, "1.9", true),
        // a version the scheme cannot read matches ranges never
        (#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]"#, "not a version", false),
    ])
    func ecosystemRanges(ranges: String, version: String, affected: Bool) throws {
        let record = try Self.record(Self.pypi(ranges))
        #expect(record.affects(ecosystem: "PyPI", name: "demo-pkg", version: version) == affected)
    }

    @Test func explicitVersionsMatchAsText() throws {
        let record = try Self.record(Self.pypi("[]", versions: #"["1.0", "legacy-2013"]"#))
        #expect(record.affects(ecosystem: "PyPI", name: "demo.pkg", version: "legacy-2013"))
        #expect(record.affects(ecosystem: "PyPI", name: "DEMO_PKG", version: "1.0"))
        #expect(!record.affects(ecosystem: "PyPI", name: "demo-pkg", version: "1.0.0"))
        #expect(!record.affects(ecosystem: "npm", name: "demo-pkg", version: "1.0"))
    }

    @Test func semverRangesAndGoVersions() throws {
        let record = try Self.record(
            #"{"package": {"ecosystem": "Go", "name": "example.com/mod"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.3"}, {"introduced": "2.0.0-rc.1"}, {"fixed": "2.0.1"}]}]}"#
        )
        #expect(record.affects(ecosystem: "Go", name: "example.com/mod", version: "v1.2.2"))
        #expect(record.affects(ecosystem: "Go", name: "example.com/mod", version: "v0.0.0-20191109021931-daa7c04131f5"))
        #expect(!record.affects(ecosystem: "Go", name: "example.com/mod", version: "v1.2.3"))
        #expect(record.affects(ecosystem: "Go", name: "example.com/mod", version: "2.0.0"))
        #expect(!record.affects(ecosystem: "Go", name: "Example.com/mod", version: "v1.0.0"))
    }

    @Test func ecosystemSuffixes() throws {
        let record = try Self.record(
            #"{"package": {"ecosystem": "Debian:12", "name": "openssl"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u2"}]}]}"#
        )
        #expect(record.affects(ecosystem: "Debian", name: "openssl", version: "3.0.11-1~deb12u1"))
        #expect(record.affects(ecosystem: "Debian:12", name: "openssl", version: "3.0.9-1"))
        #expect(!record.affects(ecosystem: "Debian:11", name: "openssl", version: "3.0.9-1"))
        #expect(!record.affects(ecosystem: "Debian", name: "openssl", version: "3.0.11-1~deb12u2"))
    }

    @Test func withdrawnRecordsAffectNothing() throws {
        let ranges = #"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]"#
        #expect(try Self.record(Self.pypi(ranges)).affects(ecosystem: "PyPI", name: "demo-pkg", version: "1.0"))
        #expect(
            try !Self.record(Self.pypi(ranges), withdrawn: true).affects(
                ecosystem: "PyPI", name: "demo-pkg", version: "1.0"))
    }

    @Test func commitsNamedByGitEvents() throws {
        let introduced = String(repeating: "a", count: 40)
        let fixed = String(repeating: "b", count: 40)
        let record = try Self.record(
            #"{"ranges": [{"type": "GIT", "repo": "https://example.com/r.git", "events": [{"introduced": "\#(introduced)"}, {"fixed": "\#(fixed)"}]}]}"#
        )
        #expect(record.affects(commit: introduced))
        #expect(record.affects(commit: introduced.uppercased()))
        #expect(!record.affects(commit: fixed))
    }

    @Test func fixedVersionsAreTheFixedEvents() throws {
        let record = try Self.record(
            Self.pypi(
                #"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.5"}, {"introduced": "2.0"}, {"fixed": "2.2"}]}]"#
            ))
        let entry = try #require(record.affected.first)
        #expect(AffectedEvaluator(entry, ecosystem: "PyPI").fixedVersions == ["1.5", "2.2"])
    }

    /// A query's version is parsed once per scheme and kept for the other entries it meets; entries of different
    /// schemes (including one that cannot read the version) still each give their own answer, in any order.
    @Test func oneParsedVersionServesEntriesOfEveryScheme() throws {
        let record = try Self.record(
            """
            \(Self.pypi(#"[{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]"#)),
            {"package": {"ecosystem": "Go", "name": "example.com/mod"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.5.0"}]}]},
            {"package": {"ecosystem": "Debian", "name": "demo"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.1"}]}]},
            {"package": {"ecosystem": "npm", "name": "demo"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}
            """)
        let evaluators = record.affected.map { AffectedEvaluator($0, ecosystem: $0.package?.ecosystem ?? "GIT") }
        for version in ["1.2.0", "1.0", "v1.9.9", "1.6.0-rc.1", "1.5.0a1", "3"] {
            let alone = evaluators.map { $0.affects(version: version) }
            for order in [Array(evaluators.indices), evaluators.indices.reversed()] {
                var parsed = ParsedVersion(version)
                let shared = order.map { evaluators[$0].affects(&parsed) }
                #expect(shared == order.map { alone[$0] }, "version \(version), entries in order \(order)")
            }
        }
        // The schemes disagree somewhere, so the sharing is put to the test.
        #expect(Set(evaluators.map { $0.affects(version: "1.5.0a1") }).count == 2)
    }

    /// Every listed version of every PyPA record is affected by its own record.
    @Test func pypaListedVersionsAreAffected() throws {
        var checked = 0
        for (_, data) in OSVCorpus.pypa.prefix(400) {
            let record = try #require(try OSVRecord.read(data, format: .yaml).record)
            for entry in record.affected {
                guard let package = entry.package else { continue }
                for version in entry.versions {
                    let affected = record.affects(ecosystem: package.ecosystem, name: package.name, version: version)
                    #expect(affected == !record.isWithdrawn, "\(record.id) \(version)")
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }
}
