public import Foundation
public import JSONSupport
import Versions

extension OSVRecord {
    /// The document formats a record is read from.
    public enum Format: Sendable {
        case json, yaml

        /// The format a file name's extension says, if any.
        public init?(fileName: String) {
            let lowered = fileName.lowercased()
            if lowered.hasSuffix(".json") {
                self = .json
            } else if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
                self = .yaml
            } else {
                return nil
            }
        }
    }

    /// Reads and validates a record from the bytes of a JSON or YAML document.
    ///
    /// - Throws: `OSVError` when the bytes are not a JSON or YAML document at all; a document that is one but
    ///   not a valid record gives a reading with errors instead.
    public static func read(_ data: Data, format: Format) throws(OSVError) -> OSVReading {
        switch format {
        case .json:
            return read(try JSONTree(json: data), numbersAreText: false)
        case .yaml:
            guard let text = String(data: data, encoding: .utf8) else {
                throw OSVError("The YAML document is not UTF-8 text.")
            }
            return read(try JSONTree(yaml: text), numbersAreText: true)
        }
    }

    /// Validates a document against the OSV schema and the linter's offline checks, and reads it.
    ///
    /// - Parameter numbersAreText: read a number where the schema wants a string as its text, as YAML's plain
    ///   scalars need (`1.0` is a version there); JSON's numbers stay numbers and are refused in string fields.
    public static func read(_ document: JSONTree, numbersAreText: Bool) -> OSVReading {
        var reader = RecordReader(document: document, numbersAreText: numbersAreText)
        var record = reader.readRecord()
        if let read = record {
            reader.diagnostics += OSVLinter.check(read)
            record = read.normalizingIDLists()
        }
        let hasErrors = reader.diagnostics.contains { $0.severity == .error }
        return OSVReading(record: hasErrors ? nil : record, diagnostics: reader.diagnostics)
    }
}

/// Reads the schema's fields out of a document, noting every departure from the schema.
private struct RecordReader {
    let document: JSONTree
    let numbersAreText: Bool
    var diagnostics: [OSVDiagnostic] = []
    var id: String?

    init(document: JSONTree, numbersAreText: Bool) {
        self.document = document
        self.numbersAreText = numbersAreText
    }

    mutating func readRecord() -> OSVRecord? {
        guard case .object(let members) = document else {
            error("", "An OSV record is a JSON object, not \(document.typeName).")
            return nil
        }
        id = string(members["id"], "id", required: true)
        if let id, !OSVSchema.hasKnownPrefix(id) {
            error("id", "`\(id)` does not start with a known database prefix (GHSA-, PYSEC-, CVE- ... or x_).")
        }
        let modified = timestamp(members["modified"], "modified", required: true)
        unknownFields(members, known: OSVSchema.recordFields, at: "")
        let severity = severities(members["severity"], "severity")
        var affected: [OSVRecord.Affected] = []
        for (path, object) in objects(members["affected"], "affected", nullable: true) {
            affected.append(readAffected(object, at: path, recordHasSeverity: !severity.isEmpty))
        }
        var references: [OSVRecord.Reference] = []
        for (path, object) in objects(members["references"], "references", nullable: true) {
            if let reference = readReference(path, object) { references.append(reference) }
        }
        var credits: [OSVRecord.Credit] = []
        for (path, object) in objects(members["credits"], "credits") {
            if let credit = readCredit(path, object) { credits.append(credit) }
        }
        let record = OSVRecord(
            schemaVersion: string(members["schema_version"], "schema_version"),
            id: id ?? "", modified: modified ?? "",
            published: timestamp(members["published"], "published"),
            withdrawn: timestamp(members["withdrawn"], "withdrawn"),
            aliases: strings(members["aliases"], "aliases", nullable: true),
            upstream: strings(members["upstream"], "upstream"),
            related: strings(members["related"], "related"),
            summary: string(members["summary"], "summary"), details: string(members["details"], "details"),
            severity: severity, affected: affected,
            references: references, credits: credits,
            databaseSpecific: object(members["database_specific"], "database_specific"),
            document: document)
        return id == nil || modified == nil ? nil : record
    }

    private mutating func readAffected(
        _ members: [String: JSONTree], at path: String, recordHasSeverity: Bool
    )
        -> OSVRecord.Affected
    {
        var package: OSVRecord.Package?
        if let value = members["package"] {
            if case .object(let fields) = value {
                let ecosystem = string(fields["ecosystem"], "\(path).package.ecosystem", required: true)
                let name = string(fields["name"], "\(path).package.name", required: true)
                if let ecosystem, !Ecosystem.isKnown(ecosystem) {
                    error("\(path).package.ecosystem", "`\(ecosystem)` is not an OSV ecosystem.")
                }
                if let ecosystem, let name {
                    package = OSVRecord.Package(
                        ecosystem: ecosystem, name: name, purl: string(fields["purl"], "\(path).package.purl"))
                }
            } else {
                error("\(path).package", "must be an object, not \(value.typeName).")
            }
        }
        let severity = severities(members["severity"], "\(path).severity")
        if recordHasSeverity && !severity.isEmpty {
            error("\(path).severity", "must be absent when the record has a top-level `severity`.")
        }
        var ranges: [OSVRecord.Range] = []
        for (rangePath, object) in objects(members["ranges"], "\(path).ranges") {
            if let range = readRange(rangePath, object) { ranges.append(range) }
        }
        return OSVRecord.Affected(
            package: package, severity: severity, ranges: ranges,
            versions: strings(members["versions"], "\(path).versions"),
            ecosystemSpecific: object(members["ecosystem_specific"], "\(path).ecosystem_specific"),
            databaseSpecific: object(members["database_specific"], "\(path).database_specific"))
    }

    private mutating func readRange(_ path: String, _ members: [String: JSONTree]) -> OSVRecord.Range? {
        let typeText = string(members["type"], "\(path).type", required: true)
        let type = typeText.flatMap(OSVRecord.Range.Kind.init(rawValue:))
        if let typeText, type == nil {
            error("\(path).type", "`\(typeText)` is not a range type: GIT, SEMVER or ECOSYSTEM.")
        }
        let repo = string(members["repo"], "\(path).repo")
        if type == .git && repo == nil {
            error("\(path).repo", "is required for a GIT range.")
        }
        var events: [OSVRecord.Event] = []
        let eventObjects = objects(members["events"], "\(path).events")
        if members["events"] == nil {
            error("\(path).events", "is required.")
        } else if eventObjects.isEmpty {
            error("\(path).events", "must hold at least one event.")
        }
        for (eventPath, event) in eventObjects {
            guard event.count == 1, let (key, value) = event.first else {
                error(eventPath, "must have exactly one of introduced, fixed, last_affected or limit.")
                continue
            }
            guard let version = string(value, "\(eventPath).\(key)", required: true) else { continue }
            if type == .git && !OSVSchema.isCommit(version) {
                // The schema wants full hashes; older records abbreviate them. Versions still evaluate, so the
                // record is kept, and the event simply never equals a queried commit.
                diagnose(
                    .warning, "SCH:001", "\(eventPath).\(key)",
                    "`\(version)` is not a full commit hash (or 0) as GIT ranges need.")
            }
            switch key {
            case "introduced": events.append(.introduced(version))
            case "fixed": events.append(.fixed(version))
            case "last_affected": events.append(.lastAffected(version))
            case "limit": events.append(.limit(version))
            default: error(eventPath, "`\(key)` is not an event: introduced, fixed, last_affected or limit.")
            }
        }
        if !eventObjects.isEmpty && !events.contains(where: { if case .introduced = $0 { true } else { false } }) {
            diagnose(.error, "RNG:001", "\(path).events", "has no introduced event.")
        }
        let hasFixed = events.contains { if case .fixed = $0 { true } else { false } }
        let hasLastAffected = events.contains { if case .lastAffected = $0 { true } else { false } }
        if hasFixed && hasLastAffected {
            error("\(path).events", "may have fixed or last_affected events, not both.")
        }
        guard let type else { return nil }
        return OSVRecord.Range(
            type: type, repo: repo, events: events,
            databaseSpecific: object(members["database_specific"], "\(path).database_specific"))
    }

    private mutating func readReference(_ path: String, _ members: [String: JSONTree]) -> OSVRecord.Reference? {
        let type = string(members["type"], "\(path).type", required: true)
        let url = string(members["url"], "\(path).url", required: true)
        if let type, !OSVSchema.referenceTypes.contains(type) {
            error("\(path).type", "`\(type)` is not a reference type (ADVISORY, ARTICLE, FIX, WEB ...).")
        }
        if let url, URL(string: url)?.scheme == nil {
            error("\(path).url", "`\(url)` is not a URI.")
        }
        guard let type, let url else { return nil }
        return OSVRecord.Reference(type: type, url: url)
    }

    private mutating func readCredit(_ path: String, _ members: [String: JSONTree]) -> OSVRecord.Credit? {
        let name = string(members["name"], "\(path).name", required: true)
        let type = string(members["type"], "\(path).type")
        if let type, !OSVSchema.creditTypes.contains(type) {
            error("\(path).type", "`\(type)` is not a credit type (FINDER, REPORTER, ANALYST ...).")
        }
        guard let name else { return nil }
        return OSVRecord.Credit(name: name, contact: strings(members["contact"], "\(path).contact"), type: type)
    }

    private mutating func severities(_ value: JSONTree?, _ path: String) -> [OSVRecord.Severity] {
        var severities: [OSVRecord.Severity] = []
        for (path, members) in objects(value, path, nullable: true) {
            let type = string(members["type"], "\(path).type", required: true)
            let score = string(members["score"], "\(path).score", required: true)
            guard let type, let score else { continue }
            if let problem = OSVSchema.severityProblem(type: type, score: score) {
                error("\(path).score", problem)
            }
            severities.append(OSVRecord.Severity(type: type, score: score))
        }
        return severities
    }

    // MARK: Typed access with diagnostics

    private mutating func string(_ value: JSONTree?, _ path: String, required: Bool = false) -> String? {
        switch value {
        case nil:
            if required { error(path, "is required.") }
            return nil
        case .string(let text)?: return text
        // A YAML plain scalar that looks like a number (`1.0`) is text where the schema wants text.
        case .number(let text)? where numbersAreText: return text
        case let other?:
            error(path, "must be a string, not \(other.typeName).")
            return nil
        }
    }

    private mutating func timestamp(_ value: JSONTree?, _ path: String, required: Bool = false) -> String? {
        guard let text = string(value, path, required: required) else { return nil }
        guard text.hasSuffix("Z"), (try? DateTimeVersion(parsing: text)) != nil else {
            error(path, "`\(text)` is not an RFC 3339 timestamp in UTC (`2024-01-31T12:00:00Z`).")
            return nil
        }
        return text
    }

    private mutating func strings(_ value: JSONTree?, _ path: String, nullable: Bool = false) -> [String] {
        switch value {
        case nil: return []
        case .null? where nullable: return []
        case .array(let items)?:
            var strings: [String] = []
            for (index, item) in items.enumerated() {
                if let text = string(item, "\(path)[\(index)]", required: true) { strings.append(text) }
            }
            return strings
        case let other?:
            error(path, "must be an array of strings, not \(other.typeName).")
            return []
        }
    }

    private mutating func objects(
        _ value: JSONTree?, _ path: String, nullable: Bool = false
    )
        -> [(String, [String: JSONTree])]
    {
        switch value {
        case nil: return []
        case .null? where nullable: return []
        case .array(let items)?:
            var objects: [(String, [String: JSONTree])] = []
            for (index, item) in items.enumerated() {
                guard case .object(let members) = item else {
                    error("\(path)[\(index)]", "must be an object, not \(item.typeName).")
                    continue
                }
                objects.append(("\(path)[\(index)]", members))
            }
            return objects
        case let other?:
            error(path, "must be an array, not \(other.typeName).")
            return []
        }
    }

    private mutating func object(_ value: JSONTree?, _ path: String) -> JSONTree? {
        guard let value else { return nil }
        guard case .object = value else {
            error(path, "must be an object, not \(value.typeName).")
            return nil
        }
        return value
    }

    private mutating func unknownFields(_ members: [String: JSONTree], known: Set<String>, at path: String) {
        for key in members.keys.sorted() where !known.contains(key) {
            diagnose(.warning, "SCH:001", path.isEmpty ? key : "\(path).\(key)", "is not an OSV field; it is kept.")
        }
    }

    private mutating func error(_ path: String, _ message: String) {
        diagnose(.error, "SCH:001", path, message)
    }

    private mutating func diagnose(
        _ severity: OSVDiagnostic.Severity, _ code: String, _ path: String, _ message: String
    ) {
        diagnostics.append(OSVDiagnostic(severity: severity, code: code, record: id, path: path, message: message))
    }
}
