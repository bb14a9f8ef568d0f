public import CSAF
import JSONSupport

extension FindingDraft {
    /// One draft per vulnerability of a CSAF document: its title (else its summary note, else the document's
    /// title), its notes as description, its CVE, ids and the document's tracking id as aliases (those shaped like
    /// advisory ids), its CWE, its first CVSS vector, and the first known-affected product that has a purl as target.
    public static func drafts(from document: CSAFDocument) -> [FindingDraft] {
        document.vulnerabilities.map { vulnerability in
            let notes = vulnerability.notes ?? []
            let summary = notes.first { $0.category == "summary" || $0.category == "description" }?.text
            let title = [vulnerability.title, summary, document.document.title].lazy.compactMap { $0 }
                .map(Self.title(from:)).first { !$0.isEmpty }
            // Ids that are advisory ids become aliases; others (bug tracker URLs) stay in the properties.
            let identifiers = vulnerability.identifiers + (document.document.tracking?.id.map { [$0] } ?? [])
            let aliases = identifiers.filter(Self.isAdvisoryID)
            let others = identifiers.filter { !Self.isAdvisoryID($0) }
            let description = notes.map { note in note.title.map { "\($0): \(note.text)" } ?? note.text }
                .joined(separator: "\n\n")
            let affected = ["known_affected", "first_affected", "last_affected", "under_investigation"]
                .flatMap { vulnerability.productStatus?[$0] ?? [] }
            let target = affected.lazy.compactMap { document.products[$0] }.compactMap { product in
                product.purl.flatMap { FindingTarget.package(purl: $0, version: product.version) }
            }.first
            let score = vulnerability.scores?.lazy.compactMap { $0.cvssV3?.vectorString ?? $0.cvssV2?.vectorString }
                .first
            return FindingDraft(
                format: .csaf, title: title ?? aliases.first ?? "CSAF vulnerability",
                description: description.isEmpty ? nil : description,
                target: target,
                weaknesses: vulnerability.cwe.map { [$0.id] } ?? [], cvssVector: score, aliases: aliases,
                properties: [
                    "csaf": .object([
                        "document_category": .string(document.document.category),
                        "known_affected": .array(affected.map(JSONTree.string)),
                        "ids": .array(others.map(JSONTree.string)),
                    ])
                ])
        }
    }
}
