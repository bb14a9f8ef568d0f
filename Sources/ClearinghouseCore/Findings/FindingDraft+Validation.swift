import CVSS

extension FindingDraft {
    /// The longest description kept.
    public static let maximumDescriptionLength = 65_536

    /// Checks a draft and returns it normalized: trimmed title, `CWE-n` weaknesses, upper-case aliases.
    ///
    /// - Parameters:
    ///   - prefix: How the finding is named in the request (`findings[2].`), for errors.
    ///   - requiresTarget: Whether the finding must say what it is about (the native format must; a SARIF
    ///     result names files, not packages).
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
        } else if requiresTarget {
            throw .invalidField(
                prefix + "target",
                "`\(prefix)target` is required: `{\"purl\": \"pkg:pypi/name@version\"}` or `{\"repository\": URL, \"commit\": ID}`."
            )
        }
        draft.weaknesses = try weaknesses.enumerated().map { (index, text) throws(ClearinghouseError) in
            try Self.weakness(text, field: "\(prefix)cwe[\(index)]")
        }
        if let cvssVector {
            draft.cvssVector = try Self.cvssVector(cvssVector, field: prefix + "cvss_vector")
        }
        draft.aliases = try aliases.enumerated().map { (index, text) throws(ClearinghouseError) in
            let field = "\(prefix)aliases[\(index)]"
            let alias = try TextRules.singleLine(text, field: field, maximumLength: 100)
            guard Self.isAdvisoryID(alias) else {
                throw .invalidField(field, "`\(field)` must be an advisory id such as `CVE-2024-1234` or `GHSA-…`.")
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
    static func isAdvisoryID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 100
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }
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
