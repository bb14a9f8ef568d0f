import ClearinghouseCore
import Foundation
import Testing

/// Reading submissions: SARIF logs (the tutorials' samples), OSV drafts and the native form, and refusing bad ones.
@Suite struct FindingReaderTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../SARIFTests/Resources/samples").standardized

    static var sampleFiles: [String] {
        FileManager.default.enumerator(atPath: samples.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".sarif") }.sorted()
    }

    @Test func everyTutorialSampleButTheOneWithoutRunsGivesOneFindingPerResult() throws {
        #expect(Self.sampleFiles.count == 30)
        for file in Self.sampleFiles {
            let data = try Data(contentsOf: Self.samples.appendingPathComponent(file))
            let results = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            let expected = ((results["runs"] as? [[String: Any]]) ?? []).reduce(0) {
                $0 + (($1["results"] as? [Any])?.count ?? 0)
            }
            let format = FindingReader.format(named: nil, mediaType: nil, document: data)
            #expect(format == .sarif, "\(file)")
            if file == "ExceptionalConditions/No runs.sarif" {
                #expect(throws: ClearinghouseError.self) { try FindingReader().drafts(from: data, format: format) }
                continue
            }
            let drafts = try FindingReader().drafts(from: data, format: format)
            #expect(drafts.count == expected, "\(file)")
            #expect(drafts.allSatisfy { !$0.title.isEmpty && $0.format == .sarif }, "\(file)")
        }
    }

    @Test func sarifResultsKeepRulesLocationsFlowsStacksAndTaxa() throws {
        func drafts(_ file: String) throws -> [FindingDraft] {
            try FindingReader(provenance: FindingProvenance(model: "acme-1"))
                .drafts(from: Data(contentsOf: Self.samples.appendingPathComponent(file)), format: .sarif)
        }
        let flow = try #require(try drafts("CodeFlows.sarif").first)
        #expect(!flow.codeFlows.isEmpty && flow.codeFlows[0].count > 1)
        #expect(flow.provenance.model == "acme-1" && flow.provenance.tool != nil)
        let stack = try #require(try drafts("ResultStacks.sarif").first)
        #expect(!stack.stacks.isEmpty)
        let taxa = try drafts("3-Beyond-basics/standard-taxonomy.sarif")
        #expect(taxa.first?.weaknesses == ["CWE-401"])
        // That result names no place: it is known by its rule and words alone; results that name files by those.
        #expect(taxa.first?.fingerprints.map(\.kind) == [.summary])
        #expect(try drafts("RegionVariants.sarif").allSatisfy { $0.fingerprints.map(\.kind) == [.location] })
    }

    @Test func anOSVDraftBecomesAFindingUnderItsAliases() throws {
        let record = """
            {"schema_version": "1.6.0", "id": "GHSA-aaaa-bbbb-cccc", "modified": "2026-11-01T00:00:00Z",
             "aliases": ["CVE-2026-0001"], "summary": "Path traversal in demo",
             "database_specific": {"cwe_ids": ["CWE-22"]},
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
             "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"}, "versions": ["1.0"]}]}
            """
        let data = Data(record.utf8)
        #expect(FindingReader.format(named: nil, mediaType: "application/json", document: data) == .osv)
        let draft = try #require(try FindingReader().drafts(from: data, format: .osv).first)
        #expect(draft.title == "Path traversal in demo")
        #expect(draft.aliases == ["GHSA-aaaa-bbbb-cccc", "CVE-2026-0001"])
        #expect(draft.weaknesses == ["CWE-22"])
        #expect(draft.target?.text == "pkg:pypi/demo@1.0")
        #expect(draft.cvssVector?.hasPrefix("CVSS:3.1/") == true)
        #expect(draft.fingerprints.filter { $0.kind == .alias }.count == 2)
    }

    @Test func csafAdvisoriesGiveOneFindingPerVulnerability() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../CSAFTests/Resources").standardized
        let redHat = try Data(contentsOf: examples.appendingPathComponent("rhsa-2021_5186.json"))
        #expect(FindingReader.format(named: nil, mediaType: "application/json", document: redHat) == .csaf)
        let drafts = try FindingReader().drafts(from: redHat, format: .csaf)
        #expect(drafts.map { $0.aliases.first } == ["CVE-2021-4104", "CVE-2021-4125"])
        #expect(drafts.allSatisfy { $0.aliases.contains("RHSA-2021:5186") && $0.format == .csaf })
        #expect(drafts[0].weaknesses == ["CWE-20"])
        #expect(drafts.allSatisfy { $0.description?.isEmpty == false })
        let bsi = try FindingReader().drafts(
            from: Data(contentsOf: examples.appendingPathComponent("bsi-2022-0001.json")), format: .csaf)
        #expect(bsi.first?.cvssVector?.hasPrefix("CVSS:3.1/") == true)
        let informational = try Data(contentsOf: examples.appendingPathComponent("rhsa-2019_1862.json"))
        #expect(throws: ClearinghouseError.self) { try FindingReader().drafts(from: informational, format: .csaf) }
    }

    @Test func nativeFindingsAreReadAndChecked() throws {
        let one = """
            {"title": "Heap overflow in parse_header", "target": {"purl": "pkg:pypi/demo@1.0"}, "cwe": ["787"],
             "locations": [{"path": "src/parse.c", "start_line": 10, "function": "parse_header"}],
             "stacks": [["#0 0x1 in parse_header parse.c:10", {"function": "main"}]],
             "provenance": {"tool": "acme-agent", "model": "acme-1", "cost": {"amount": 1.25, "currency": "usd"}}}
            """
        let drafts = try FindingReader().drafts(from: Data(one.utf8), format: .native)
        #expect(drafts.count == 1)
        #expect(drafts[0].weaknesses == ["CWE-787"])
        #expect(drafts[0].provenance.cost == FindingProvenance.Cost(amount: "1.25", currency: "USD"))
        #expect(drafts[0].stacks[0].count == 2)
        let list = try FindingReader().drafts(from: Data("{\"findings\": [\(one), \(one)]}".utf8), format: .native)
        #expect(list.count == 2)
    }

    @Test(arguments: [
        (#"{"title": "x"}"#, "target"),
        (#"{"title": "x", "target": {"purl": "pkg:pypi/demo"}}"#, "target.purl"),
        (#"{"title": "x", "target": {"purl": "pkg:pypi/demo@1"}, "cwe": ["XSS"]}"#, "cwe[0]"),
        (#"{"title": "x", "target": {"purl": "pkg:pypi/demo@1"}, "cvss_vector": "high"}"#, "cvss_vector"),
        (#"{"title": "", "target": {"purl": "pkg:pypi/demo@1"}}"#, "title"),
        (#"{"title": "x", "target": {"repository": "https://h/r", "commit": "xyz"}}"#, "target.commit"),
        (#"{"title": "x", "target": {"repository": "ftp://h/r"}}"#, "target.repository"),
        (
            #"{"title": "x", "target": {"purl": "pkg:pypi/demo@1"}, "provenance": {"cost": {"amount": "-1", "currency": "USD"}}}"#,
            "provenance.cost"
        ),
        (#"[{"title": "x", "target": {"purl": "pkg:pypi/demo@1"}}, {"title": "y"}]"#, "findings[1].target"),
    ])
    func badNativeFindingsNameTheField(body: String, field: String) {
        #expect {
            try FindingReader().drafts(from: Data(body.utf8), format: .native)
        } throws: { error in
            (error as? ClearinghouseError)?.field == field
        }
    }

    @Test(arguments: [
        (#"{"title": "x", "target": {"purl": "pkg:pypi/demo@1"}, "severity": "high"}"#, "severity"),
        (#"{"title": "x", "target": {"purl": "pkg:pypi/demo@1", "version": "1"}}"#, "version"),
        (#"{"title": 3}"#, "title"),
        (#"[]"#, "no finding"),
        (#"{"title": "x", "target": {"purl": "pkg:pypi/demo@1"}, "artifacts": ["md5:00"]}"#, "artifacts[0]"),
    ])
    func malformedNativeFindingsSayWhatIsWrong(body: String, mention: String) {
        #expect {
            try FindingReader().drafts(from: Data(body.utf8), format: .native)
        } throws: { error in
            (error as? ClearinghouseError)?.message.contains(mention) == true
        }
    }

    @Test func aSubmissionHoldsABoundedNumberOfFindings() throws {
        let finding = #"{"title": "Overflow in parse", "target": {"purl": "pkg:pypi/demo@1.0"}}"#
        func submission(_ count: Int) -> Data {
            Data((#"{"findings": ["# + Array(repeating: finding, count: count).joined(separator: ",") + "]}").utf8)
        }
        #expect(try FindingReader().drafts(from: submission(3), format: .native).count == 3)
        let error = try #require(throws: ClearinghouseError.self) {
            _ = try FindingReader().read(submission(FindingReader.maximumFindings + 1), named: nil, mediaType: nil)
        }
        #expect(error.message.contains("at most \(FindingReader.maximumFindings)"))
    }

    /// Each network place is looked up with every network containing it while the log is locked: a submission names
    /// a bounded number of them, however many findings share each.
    @Test func aSubmissionNamesABoundedNumberOfNetworkPlaces() throws {
        func submission(places: Int, findingsEach: Int) -> Data {
            let findings = (0..<places).flatMap { place in
                Array(
                    repeating:
                        #"{"title": "Telnet open", "network": {"address": "2001:db8::\#(String(place, radix: 16))", "port": 23}}"#,
                    count: findingsEach)
            }
            return Data((#"{"findings": ["# + findings.joined(separator: ",") + "]}").utf8)
        }
        let limit = FindingReader.maximumNetworkPlaces
        #expect(
            try FindingReader().drafts(from: submission(places: limit, findingsEach: 2), format: .native).count == 2
                * limit)
        let error = try #require(throws: ClearinghouseError.self) {
            _ = try FindingReader().drafts(from: submission(places: limit + 1, findingsEach: 1), format: .native)
        }
        #expect(error.message.contains("\(limit + 1) distinct network places; one submission names at most \(limit)"))
    }

    @Test func theFormatIsToldByTopLevelMembersAlone() {
        func format(_ text: String) -> FindingFormat {
            FindingReader.format(named: nil, mediaType: nil, document: Data(text.utf8))
        }
        #expect(format(#"{"version": "2.1.0", "runs": null}"#) == .sarif)
        #expect(format(#"{"id": "GHSA-1", "modified": "2024-01-01T00:00:00Z"}"#) == .osv)
        #expect(format(#"{"schema_version": "1.6.0"}"#) == .osv)
        #expect(format(#"{"document": {"csaf_version": "2.0"}}"#) == .csaf)
        #expect(format(#"{"document": "x", "title": "t"}"#) == .native)
        #expect(format(#"[{"title": "t"}]"#) == .native)
        #expect(format(String(repeating: "[", count: 500)) == .native)
    }

    /// One letter and a million combining marks is one character but 2 MB: lengths are bytes.
    @Test func lengthsAreCountedInBytes() throws {
        let heavy = "e" + String(repeating: "\u{301}", count: 1_000_000)
        #expect(heavy.count == 1)
        let finding = #"{"title": "\#(heavy)", "target": {"purl": "pkg:pypi/demo@1.0"}}"#
        let error = try #require(throws: ClearinghouseError.self) {
            _ = try FindingReader().drafts(from: Data(finding.utf8), format: .native)
        }
        #expect(error.field == "title")
        #expect(error.message.contains("at most \(FindingDraft.maximumTitleLength) bytes"))
        let title = FindingDraft.title(from: "Overflow " + heavy)
        #expect(title.utf8.count <= FindingDraft.maximumTitleLength)
        #expect(title == "Overflow…")
        let accented = String(repeating: "é", count: 200)
        #expect(FindingDraft.title(from: accented).utf8.count <= FindingDraft.maximumTitleLength)
    }
}
