/// A problem found in an OSV record, naming the record, the field and the check.
///
/// Codes follow the OSV linter's (`SCH:001` for the schema, `REC:`, `RNG:` and `PKG:` for its quality checks).
/// An error makes the record invalid (it is reported and skipped by an import); a warning does not.
public struct OSVDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public let severity: Severity
    public let code: String
    /// The record's id, when it has one.
    public let record: String?
    /// Where in the record: `affected[0].ranges[1].events[2].fixed`; empty for the record as a whole.
    public let path: String
    public let message: String

    public var description: String {
        "\(record ?? "record")\(path.isEmpty ? "" : " \(path)"): \(message) [\(code)]"
    }
}

/// A record as read: the record when it is valid, and everything found wrong with it either way.
public struct OSVReading: Sendable {
    public let record: OSVRecord?
    public let diagnostics: [OSVDiagnostic]

    public var errors: [OSVDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [OSVDiagnostic] { diagnostics.filter { $0.severity == .warning } }
}
