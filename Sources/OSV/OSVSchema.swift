/// The OSV schema's enumerations and patterns (`validation/schema.json` of ossf/osv-schema).
enum OSVSchema {
    static let recordFields: Set<String> = [
        "schema_version", "id", "modified", "published", "withdrawn", "aliases", "related", "upstream", "summary",
        "details", "severity", "affected", "references", "credits", "database_specific",
    ]

    /// The home databases' id prefixes; `x_` is for private use.
    static let prefixes =
        [
            "ASB-A", "PUB-A", "ALPINE", "ALSA", "ALBA", "ALEA", "AZL", "BELL", "BIT", "CGA", "CLEANSTART", "CLSA",
            "CURL",
            "CVE", "DEBIAN", "DHI", "DRUPAL", "DSA", "DLA", "ELA", "DTSA", "ECHO", "EEF", "FreeBSD", "GHSA", "GO",
            "GSD",
            "HSEC", "JLSEC", "KUBE", "LBSEC", "LSN", "MAL", "MINI", "MGASA", "OESA", "OSEC", "OSV", "openSUSE-SU",
            "PHSA",
            "PSF", "PYSEC", "RHBA", "RHEA", "RHSA", "RLSA", "RXSA", "RSEC", "ROOT", "RUSTSEC", "SUSE-SU", "SUSE-RU",
            "SUSE-FU", "SUSE-OU", "UBUNTU", "USN", "V8",
        ].map { $0 + "-" } + ["x_"]

    static func hasKnownPrefix(_ id: String) -> Bool {
        prefixes.contains { id.hasPrefix($0) }
    }

    static let referenceTypes: Set<String> = [
        "ADVISORY", "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX", "INTRODUCED", "GIT", "PACKAGE", "EVIDENCE",
        "WEB",
    ]

    static let creditTypes: Set<String> = [
        "FINDER", "REPORTER", "ANALYST", "COORDINATOR", "REMEDIATION_DEVELOPER", "REMEDIATION_REVIEWER",
        "REMEDIATION_VERIFIER", "TOOL", "SPONSOR", "OTHER",
    ]

    /// `0`, or a full SHA-1 or SHA-256 commit hash in lower case.
    static func isCommit(_ text: String) -> Bool {
        text == "0"
            || ((text.utf8.count == 40 || text.utf8.count == 64)
                && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
    }

    /// What is wrong with a severity's score for its type, if anything.
    static func severityProblem(type: String, score: String) -> String? {
        switch type {
        case "CVSS_V2":
            let metrics = score.split(separator: "/", omittingEmptySubsequences: false)
            return metrics.allSatisfy({ $0.contains(":") }) && score.contains("AV:")
                ? nil : "`\(score)` is not a CVSS 2 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`)."
        case "CVSS_V3":
            return (score.hasPrefix("CVSS:3.0/") || score.hasPrefix("CVSS:3.1/")) && score.contains("/AV:")
                ? nil : "`\(score)` is not a CVSS 3 vector (`CVSS:3.1/AV:N/...`)."
        case "CVSS_V4":
            return score.hasPrefix("CVSS:4.0/AV:") ? nil : "`\(score)` is not a CVSS 4.0 vector (`CVSS:4.0/AV:N/...`)."
        case "Ubuntu":
            return ["negligible", "low", "medium", "high", "critical"].contains(score)
                ? nil : "`\(score)` is not an Ubuntu priority (negligible, low, medium, high, critical)."
        default:
            return "`\(type)` is not a severity type: CVSS_V2, CVSS_V3, CVSS_V4 or Ubuntu."
        }
    }
}

extension OSVRecord {
    /// The id prefixes of the databases the OSV schema lists (`GHSA`, `PYSEC` ...), without their dash.
    public static let registeredPrefixes: [String] = OSVSchema.prefixes.filter { $0.hasSuffix("-") }.map {
        String($0.dropLast())
    }

    /// What the schema asks a database it does not list to begin its ids with.
    public static let privatePrefix = "x_"
}
