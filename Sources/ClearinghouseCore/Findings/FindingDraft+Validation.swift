import CVSS
import ThreatFeeds

extension FindingDraft {
    /// The longest description kept.
    public static let maximumDescriptionLength = 65_536

    /// Checks a draft and returns it normalized: trimmed title, `CWE-n` weaknesses, upper-case aliases.
    ///
    /// - Parameters:
    ///   - prefix: How the finding is named in the request (`findings[2].`), for errors.
    ///   - requiresTarget: Whether the finding must say what it is about, a package, a repository or a place on a
    ///     network (the native format must; a SARIF result names files, not packages).
    ///   - provenanceChecked: Whether the provenance was checked already (results of one run share it).
    /// - Throws: `ClearinghouseError.invalidField` naming the field at fault.
    public func validated(
        prefix: String = "", requiresTarget: Bool, provenanceChecked: Bool = false
    ) throws(ClearinghouseError) -> FindingDraft {
        var draft = self
        draft.title = try TextRules.singleLine(title, field: prefix + "title", maximumLength: Self.maximumTitleLength)
        draft.description = try description.map { (text) throws(ClearinghouseError) in
            try TextRules.note(text, field: prefix + "description", maximumLength: Self.maximumDescriptionLength)
        }
        if let target {
            draft.target = try target.validated(field: prefix + "target")
        } else if requiresTarget && network == nil {
            throw .invalidField(
                prefix + "target",
                "`\(prefix)target` is required: `{\"purl\": \"pkg:pypi/name@version\"}` or `{\"repository\": URL, \"commit\": ID}`; a finding about infrastructure may name only its `network` place."
            )
        }
        draft.weaknesses = try weaknesses.enumerated().map { (index, text) throws(ClearinghouseError) in
            try Self.weakness(text, field: "\(prefix)cwe[\(index)]")
        }
        if let cvssVector {
            draft.cvssVector = try Self.cvssVector(cvssVector, field: prefix + "cvss_vector")
        }
        guard aliases.count <= Self.maximumAliases else {
            throw .invalidField(
                prefix + "aliases",
                "A finding names at most \(Self.maximumAliases) aliases; this one names \(aliases.count). Each alias is a key others' reports of the same vulnerability meet it under.")
        }
        draft.aliases = try aliases.enumerated().map { (index, text) throws(ClearinghouseError) in
            let field = "\(prefix)aliases[\(index)]"
            let alias = try TextRules.singleLine(text, field: field, maximumLength: 100)
            guard Self.isAdvisoryID(alias) else {
                throw .invalidField(
                    field,
                    "`\(field)` must be an advisory id: `CVE-2024-1234`, `GHSA-xxxx-xxxx-xxxx`, or a database prefix, a hyphen and an id (`PYSEC-2024-1`, `RUSTSEC-2024-0001`).")
            }
            return alias
        }
        if let ruleID {
            draft.ruleID = try TextRules.singleLine(ruleID, field: prefix + "rule_id", maximumLength: 300)
        }
        if let level {
            draft.level = try TextRules.singleLine(level, field: prefix + "level", maximumLength: 40)
        }
        if !provenanceChecked {
            draft.provenance = try provenance.validated(prefix: prefix + "provenance.")
        }
        return draft
    }

    /// Whether a text has the shape of an advisory id: ASCII letters, digits, `-`, `_`, `.` and `:`.
    /// The most aliases one finding may name: each is a fingerprint other findings meet it under.
    public static let maximumAliases = 10

    /// Whether a text is a well-formed advisory id: `CVE-YYYY-NNNN…`, `GHSA-xxxx-xxxx-xxxx`, or any other
    /// database's prefix (2 to 16 letters and digits, starting with a letter), a hyphen, and an id of letters, digits
    /// and `-_.:`.
    static func isAdvisoryID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 100, let hyphen = bytes.firstIndex(of: UInt8(ascii: "-")) else { return false }
        let prefix = bytes[..<hyphen]
        let rest = bytes[(hyphen + 1)...]
        guard (2...16).contains(prefix.count), let first = prefix.first, ASCIIText.isLetter(first),
            prefix.allSatisfy({ ASCIIText.isLetter($0) || ASCIIText.isDigit($0) }),
            let start = rest.first, ASCIIText.isLetter(start) || ASCIIText.isDigit(start),
            rest.allSatisfy({ ASCIIText.isLetter($0) || ASCIIText.isDigit($0) || "-_.:".utf8.contains($0) })
        else { return false }
        switch String(decoding: prefix, as: UTF8.self).uppercased() {
        case "CVE":
            return CVEIdentifier.isValid(text.uppercased())
        case "GHSA":
            let parts = rest.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            return parts.count == 3 && parts.allSatisfy { $0.count == 4 }
        default:
            return true
        }
    }

    /// `CWE-79`, `cwe-79` and `79` as `CWE-79`.
    static func weakness(_ text: String, field: String) throws(ClearinghouseError) -> String {
        let digits = text.uppercased().hasPrefix("CWE-") ? text.dropFirst(4) : Substring(text)
        guard !digits.isEmpty, digits.count <= 7, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidField(field, "`\(field)` must be a CWE id such as `CWE-79`; got `\(text)`.")
        }
        return "CWE-\(digits)"
    }

    /// A CVSS 2, 3.0, 3.1 or 4.0 vector, checked metric by metric.
    static func cvssVector(_ text: String, field: String) throws(ClearinghouseError) -> String {
        do {
            return try CVSSVector(text).text
        } catch {
            throw .invalidField(field, "`\(field)` is not a valid CVSS vector: \(error.message)")
        }
    }
}

/// ASCII classes of single bytes.
enum ASCIIText {
    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
