internal import PackageURL

/// The OSV linter's offline quality checks: `REC:001`–`REC:005`, `RNG:002` and `PKG:003` (`SCH:001` and
/// `RNG:001` are checked while reading).
///
/// An error makes a record unusable; a warning keeps it. The linter calls `REC:001` and `RNG:002` fatal, but a
/// record that affects nothing (Red Hat publishes such records, pointing at related ones) harms no one, and a
/// range whose events repeat a version (as some PyPA records do) still evaluates as the specification says, so
/// both are warnings here. So are repeated or self-referencing ids in `aliases`, `upstream` and `related`
/// (`REC:002`–`REC:004`), which the schema allows: reading keeps each id once and drops the record's own
/// (``OSVRecord/normalizingIDLists()``), so the record served back is the cleaned one.
enum OSVLinter {
    static func check(_ record: OSVRecord) -> [OSVDiagnostic] {
        var diagnostics: [OSVDiagnostic] = []
        func add(_ severity: OSVDiagnostic.Severity, _ code: String, _ path: String, _ message: String) {
            diagnostics.append(
                OSVDiagnostic(severity: severity, code: code, record: record.id, path: path, message: message))
        }
        if !record.isWithdrawn && record.affected.isEmpty {
            add(.warning, "REC:001", "affected", "is empty: the record affects nothing.")
        }
        for (field, list, code) in [
            ("aliases", record.aliases, "REC:002"), ("upstream", record.upstream, "REC:003"),
            ("related", record.related, "REC:004"),
        ] {
            if Set(list).count != list.count {
                add(.warning, code, field, "has duplicate entries; each is kept once.")
            }
            if list.contains(record.id) {
                add(.warning, code, field, "lists the record's own id; it is dropped.")
            }
        }
        if record.upstream.contains(where: { record.aliases.contains($0) || record.related.contains($0) }) {
            add(.warning, "REC:003", "upstream", "lists an id that is also an alias or related.")
        }
        if !record.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) {
            add(.warning, "REC:005", "id", "uses characters other than letters, digits, `-`, `_`, `.` and `:`.")
        }
        for (index, affected) in record.affected.enumerated() {
            for (rangeIndex, range) in affected.ranges.enumerated() {
                var seen: Set<String> = []
                for event in range.events where event.version != "0" {
                    if !seen.insert(event.version).inserted {
                        add(
                            .warning, "RNG:002", "affected[\(index)].ranges[\(rangeIndex)].events",
                            "`\(event.version)` is named by more than one event: the range does not span anything.")
                    }
                }
            }
            if let purl = affected.package?.purl {
                do {
                    let parsed = try PackageURL(parsing: purl)
                    if let package = affected.package, let designated = Ecosystem.package(for: parsed),
                        designated.ecosystem != Ecosystem.base(of: package.ecosystem)
                            || Ecosystem.normalizedName(designated.name, in: package.ecosystem)
                                != Ecosystem.normalizedName(package.name, in: package.ecosystem)
                    {
                        add(
                            .warning, "PKG:003", "affected[\(index)].package.purl",
                            "`\(purl)` names \(designated.ecosystem) package `\(designated.name)`, not the package's.")
                    }
                } catch {
                    add(.warning, "PKG:003", "affected[\(index)].package.purl", "`\(purl)`: \(error.message)")
                }
            }
        }
        return diagnostics
    }
}
