import ClearinghouseTestSupport
import Foundation
import OSV
import Testing

/// Invalid records are refused with diagnostics that name the record, the field and the rule.
@Suite struct OSVBadInputTests {
    nonisolated(unsafe) static let valid: [String: Any] = [
        "id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-01-01T00:00:00Z",
        "affected": [
            [
                "package": ["ecosystem": "npm", "name": "left-pad"],
                "ranges": [["type": "SEMVER", "events": [["introduced": "0"], ["fixed": "1.3.0"]]]],
            ]
        ],
    ]

    static func reading(_ change: (inout [String: Any]) -> Void) throws -> OSVReading {
        var document = valid
        change(&document)
        return try OSVRecord.read(JSONSerialization.data(withJSONObject: document), format: .json)
    }

    @Test func theValidRecordReads() throws {
        let reading = try Self.reading { _ in }
        #expect(reading.record?.id == "GHSA-aaaa-bbbb-cccc")
        #expect(reading.diagnostics.isEmpty)
    }

    @Test(
        arguments: [
            ("id", nil, "id", "is required."),
            ("id", "NOPE-1", "id", "does not start with a known database prefix"),
            ("modified", nil, "modified", "is required."),
            ("modified", "2024-01-01 00:00:00", "modified", "is not an RFC 3339 timestamp in UTC"),
            ("published", "2024-01-01T00:00:00+02:00", "published", "is not an RFC 3339 timestamp in UTC"),
            ("aliases", "CVE-1", "aliases", "must be an array of strings, not a string."),
            ("summary", 7, "summary", "must be a string, not a number."),
            ("references", [["type": "BLOG", "url": "https://x"]], "references[0].type", "is not a reference type"),
            ("references", [["type": "WEB"]], "references[0].url", "is required."),
            ("credits", [["name": "A", "type": "HERO"]], "credits[0].type", "is not a credit type"),
            ("severity", [["type": "CVSS_V3", "score": "AV:N"]], "severity[0].score", "is not a CVSS 3 vector"),
            ("database_specific", [1], "database_specific", "must be an object, not an array."),
        ] as [(String, (any Sendable)?, String, String)])
    func schemaViolationsNameTheField(field: String, value: (any Sendable)?, path: String, message: String) throws {
        let reading = try Self.reading { $0[field] = value as Any? }
        #expect(reading.record == nil)
        #expect(
            reading.errors.contains { $0.path == path && $0.message.contains(message) && $0.code == "SCH:001" },
            "\(reading.diagnostics)")
    }

    @Test(arguments: [
        (#"{"type": "SEMVER", "events": []}"#, "affected[0].ranges[0].events", "must hold at least one event."),
        (#"{"type": "SEMVER"}"#, "affected[0].ranges[0].events", "is required."),
        (#"{"type": "RANGE", "events": [{"introduced": "0"}]}"#, "affected[0].ranges[0].type", "is not a range type"),
        (#"{"type": "GIT", "events": [{"introduced": "0"}]}"#, "affected[0].ranges[0].repo", "is required for a GIT"),
        (
            #"{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1"}]}"#, "affected[0].ranges[0].events[0]",
            "exactly one of"
        ),
        (#"{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}"#, "affected[0].ranges[0].events", "no introduced event"),
        (
            #"{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.0"}, {"last_affected": "0.9.0"}]}"#,
            "affected[0].ranges[0].events", "fixed or last_affected events, not both"
        ),
    ])
    func rangeViolationsNameTheRange(range: String, path: String, message: String) throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(range.utf8))
        let reading = try Self.reading { document in
            document["affected"] = [["package": ["ecosystem": "npm", "name": "left-pad"], "ranges": [parsed]]]
        }
        #expect(reading.record == nil)
        #expect(reading.errors.contains { $0.path == path && $0.message.contains(message) }, "\(reading.diagnostics)")
    }

    @Test func linterRulesOnIds() throws {
        // The schema allows repeated ids and the record's own: read with a warning, the lists cleaned.
        let aliasesItself = try Self.reading { $0["aliases"] = ["GHSA-aaaa-bbbb-cccc", "CVE-2"] }
        #expect(aliasesItself.warnings.contains { $0.code == "REC:002" })
        #expect(aliasesItself.record?.aliases == ["CVE-2"])
        #expect(aliasesItself.record?.document["aliases"] == .array([.string("CVE-2")]))
        let duplicateUpstream = try Self.reading { $0["upstream"] = ["CVE-1", "CVE-3", "CVE-1"] }
        #expect(duplicateUpstream.warnings.contains { $0.code == "REC:003" })
        #expect(duplicateUpstream.record?.upstream == ["CVE-1", "CVE-3"])
        let relatedItself = try Self.reading { $0["related"] = ["GHSA-aaaa-bbbb-cccc"] }
        #expect(relatedItself.record?.related == [])
        #expect(relatedItself.warnings.contains { $0.code == "REC:004" })
        let clean = try Self.reading { $0["aliases"] = ["CVE-2"] }
        #expect(clean.diagnostics.isEmpty && clean.record?.aliases == ["CVE-2"])
        let unknownEcosystem = try Self.reading { document in
            document["affected"] = [["package": ["ecosystem": "Cobol", "name": "x"]]]
        }
        #expect(unknownEcosystem.errors.contains { $0.path == "affected[0].package.ecosystem" })
        let mismatchedPurl = try Self.reading { document in
            document["affected"] = [["package": ["ecosystem": "npm", "name": "left-pad", "purl": "pkg:pypi/left-pad"]]]
        }
        #expect(mismatchedPurl.warnings.contains { $0.code == "PKG:003" })
    }

    @Test func unknownFieldsAreKeptWithAWarning() throws {
        let reading = try Self.reading { $0["x_extra"] = ["a": 1] }
        let record = try #require(reading.record)
        #expect(record.document["x_extra"] == .object(["a": .number("1")]))
        #expect(reading.warnings.map(\.path) == ["x_extra"])
    }

    @Test func documentsThatAreNotRecords() {
        #expect(throws: OSVError.self) { try OSVRecord.read(Data("{".utf8), format: .json) }
        #expect(throws: OSVError.self) { try OSVRecord.read(Data("a: [".utf8), format: .yaml) }
        #expect(
            (try? OSVRecord.read(Data("[1]".utf8), format: .json))?.errors.first?.message
                == "An OSV record is a JSON object, not an array.")
    }

    @Test func mutatedRecordsNeverCrash() throws {
        var mutator = InputMutator(seed: 91)
        let samples = OSVCorpus.pypa.prefix(50).map(\.data)
        var valid = 0
        for index in 0..<3_000 {
            let data = Data(mutator.mutate(Array(samples[index % samples.count])))
            guard let reading = try? OSVRecord.read(data, format: .yaml) else { continue }
            if let record = reading.record {
                valid += 1
                _ = record.affects(ecosystem: "PyPI", name: record.affected.first?.package?.name ?? "", version: "1.0")
            } else {
                #expect(!reading.errors.isEmpty)
            }
        }
        #expect(valid > 0)
    }
}
