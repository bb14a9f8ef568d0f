public import OSV

extension FindingDraft {
    /// A draft from an OSV record that is not published yet: its id and aliases, summary and details, first
    /// affected package, CWE ids (`database_specific.cwe_ids`, as GitHub writes them) and CVSS vector.
    public init(osv record: OSVRecord, provenance: FindingProvenance) {
        let affected = record.affected.first { $0.package != nil }
        let target = affected.flatMap { affected -> FindingTarget? in
            guard let package = affected.package else { return nil }
            let version = affected.versions.first
            if let text = package.purl, let target = FindingTarget.package(purl: text, version: version) {
                return target
            }
            return Ecosystem.purl(ecosystem: package.ecosystem, name: package.name, version: version)
                .map(FindingTarget.package)
        }
        let cvss = (record.severity + (affected?.severity ?? [])).first { $0.type.hasPrefix("CVSS") }
        let summary = record.summary.map(Self.title(from:)) ?? ""
        let details = record.details.map(Self.title(from:)) ?? ""
        self.init(
            format: .osv, title: !summary.isEmpty ? summary : !details.isEmpty ? details : record.id,
            description: record.details, target: target,
            weaknesses: record.databaseSpecific?["cwe_ids"]?.strings ?? [], cvssVector: cvss?.score,
            aliases: [record.id] + record.aliases + record.upstream, properties: ["osv": record.document],
            provenance: provenance)
    }
}
