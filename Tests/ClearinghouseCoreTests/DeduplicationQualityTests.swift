import CSAF
import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import OSV
import Testing
import ZIPFoundation

/// Precision and recall of deduplication on a labelled set built from real records: two findings are duplicates
/// when their records name a common CVE. The figures are reported in docs/findings.md.
@Suite struct DeduplicationQualityTests {
    static let resources = Bundle.module.bundleURL.appendingPathComponent("Resources/redhat")
    static let pypa = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../OSVTests/Resources/pypa-advisory-database.zip").standardized

    /// The labelled set: every PyPA record (PYSEC); for each that names a GHSA id, the GitHub advisory as GitHub
    /// publishes it (its GHSA id with the CVEs, package and summary PyPA cross-references); Red Hat's CSAF
    /// advisories and the OSV records converted from them.
    static func labelledSet() throws -> [FindingDraft] {
        let archive = try Archive(url: pypa, accessMode: .read)
        var pysec: [FindingDraft] = []
        var github: [FindingDraft] = []
        for entry in archive where entry.type == .file && entry.path.hasSuffix(".yaml") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            guard let record = try OSVRecord.read(data, format: .yaml).record else { continue }
            let draft = FindingDraft(osv: record, provenance: FindingProvenance(tool: "pypa"))
            pysec.append(draft)
            let cves = record.aliases.filter { $0.hasPrefix("CVE-") }
            for ghsa in record.aliases where ghsa.hasPrefix("GHSA-") {
                var view = draft
                view.aliases = [ghsa] + cves
                view.provenance = FindingProvenance(tool: "github")
                github.append(view)
            }
        }
        var redHat: [FindingDraft] = []
        for name in ["rhsa-2003_315", "rhsa-2024_4546", "rhsa-2024_6220"] {
            let csaf = try CSAFDocument.read(Data(contentsOf: resources.appendingPathComponent("CSAF/\(name).json")))
            redHat += FindingDraft.drafts(from: csaf)
        }
        for name in ["RHSA-2024_4546", "RHSA-2024_6220"] {
            let data = try Data(contentsOf: resources.appendingPathComponent("OSV/\(name).json"))
            let record = try #require(try OSVRecord.read(data, format: .json).record)
            redHat.append(FindingDraft(osv: record, provenance: FindingProvenance(tool: "redhat")))
        }
        return pysec + github + redHat
    }

    /// Pairwise precision and recall of a clustering against the labels.
    static func score(predicted: [Int], truth: [Int]) -> (precision: Double, recall: Double, pairs: Int) {
        func pairs<Key: Hashable>(_ counts: [Key: Int]) -> Int { counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 } }
        var byPrediction: [Int: Int] = [:]
        var byTruth: [Int: Int] = [:]
        var byBoth: [[Int]: Int] = [:]
        for (p, t) in zip(predicted, truth) {
            byPrediction[p, default: 0] += 1
            byTruth[t, default: 0] += 1
            byBoth[[p, t], default: 0] += 1
        }
        let agreed = Double(pairs(byBoth))
        return (agreed / Double(pairs(byPrediction)), agreed / Double(pairs(byTruth)), pairs(byTruth))
    }

    /// Labels: findings that share a CVE, directly or through others, form one vulnerability.
    static func truth(_ drafts: [FindingDraft]) -> [Int] {
        var parent = Array(drafts.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        var owner: [String: Int] = [:]
        for (index, draft) in drafts.enumerated() {
            for cve in draft.aliases where cve.uppercased().hasPrefix("CVE-") {
                if let other = owner[cve.uppercased()] {
                    parent[root(index)] = root(other)
                } else {
                    owner[cve.uppercased()] = index
                }
            }
        }
        return drafts.indices.map(root)
    }

    @Test func duplicatesAcrossDatabasesFoldWithHighPrecisionAndRecall() throws {
        let drafts = try Self.labelledSet()
        #expect(drafts.count > 4_000)
        let intake = FindingIntake(
            reporter: Fixtures.dependencies.makeID(),
            actor: AuditActor(organizationID: nil, tokenID: nil, channel: .cli), label: .amberStrict,
            dependencies: .test())
        let plan = intake.plan(FindingIntake.Submission(drafts), known: [:])
        var caseNumbers: [Case.ID: Int] = [:]
        let predicted = plan.findings.map { finding in
            if let number = caseNumbers[finding.caseID] { return number }
            caseNumbers[finding.caseID] = caseNumbers.count
            return caseNumbers.count - 1
        }
        let (precision, recall, pairs) = Self.score(predicted: predicted, truth: Self.truth(drafts))
        print(
            "deduplication: \(drafts.count) findings, \(plan.openedCases.count) cases, \(pairs) duplicate pairs, "
                + "precision \(String(format: "%.4f", precision)), recall \(String(format: "%.4f", recall))")
        #expect(precision >= 0.98)
        #expect(recall >= 0.98)
        // Red Hat's CSAF advisory and the OSV record made from it are one case.
        let redHat = plan.findings.suffix(5)
        let csaf6220 = try #require(
            redHat.first { $0.draft.aliases.contains("CVE-2024-6345") && $0.draft.format == .csaf })
        let osv6220 = try #require(
            redHat.first { $0.draft.aliases.contains("CVE-2024-6345") && $0.draft.format == .osv })
        #expect(csaf6220.caseID == osv6220.caseID)
    }
}
