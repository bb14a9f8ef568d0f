import CSAF
public import Foundation
import JSONSupport
import OSV
import SARIF

/// Reads a submission of findings in any accepted format into drafts.
///
/// The format is the one named, else the one the media type names (`application/sarif+json`), else the one the
/// document's shape shows: a `runs` array and `version` make SARIF; `schema_version`, or `id` with `modified`,
/// make OSV; `document.csaf_version` makes CSAF; anything else is the native form (one finding, a list of them, or
/// `{"findings": [...]}`).
public struct FindingReader: Sendable {
    /// What the findings are about, when the submission says so apart from the document (for SARIF).
    public var target: FindingTarget?
    /// Provenance the submission gives apart from the document; it overrides the document's.
    public var provenance: FindingProvenance

    public init(target: FindingTarget? = nil, provenance: FindingProvenance = FindingProvenance()) {
        self.target = target
        self.provenance = provenance
    }

    /// The format of a document.
    public static func format(named name: FindingFormat?, mediaType: String?, document: Data) -> FindingFormat {
        detect(named: name, mediaType: mediaType, document: document)
    }

    /// Tells the format and reads the drafts.
    ///
    /// - Throws: `ClearinghouseError` (`invalid_request` or `invalid_field`) saying what is wrong and where.
    public func read(
        _ document: Data, named name: FindingFormat?, mediaType: String?
    ) throws(ClearinghouseError) -> (format: FindingFormat, drafts: [FindingDraft]) {
        let format = Self.detect(named: name, mediaType: mediaType, document: document)
        return (format, try drafts(from: document, format: format))
    }

    /// The most findings one submission may hold.
    public static let maximumFindings = 10_000

    /// The most distinct network places (addresses and host names) the findings of one submission may name: each
    /// is looked up, with every network containing it, among verified assets while the log is locked.
    public static let maximumNetworkPlaces = 400

    /// The format: the one named, or the one the media type says, or the one the document's top-level members
    /// show. Only the member names are read, not the document as a tree.
    private static func detect(named name: FindingFormat?, mediaType: String?, document: Data) -> FindingFormat {
        if let name { return name }
        if mediaType == "application/sarif+json" { return .sarif }
        guard JSONNesting.problem(in: document) == nil,
            let members = try? JSONDecoder().decode(TopLevelMembers.self, from: document)
        else { return .native }
        if members.has(.runs) && members.has(.version) { return .sarif }
        if members.has(.schemaVersion) || (members.has(.id) && members.has(.modified)) { return .osv }
        if members.isCSAF { return .csaf }
        return .native
    }

    /// Reads and checks the drafts of a document.
    ///
    /// - Throws: `ClearinghouseError` (`invalid_request` or `invalid_field`) saying what is wrong and where, or
    ///   that the document holds more than ``maximumFindings``.
    public func drafts(from document: Data, format: FindingFormat) throws(ClearinghouseError) -> [FindingDraft] {
        let drafts: [FindingDraft]
        switch format {
        case .sarif:
            let log: SARIFLog
            do {
                log = try SARIFLog.read(document)
            } catch {
                throw ClearinghouseError(.invalidRequest, error.message)
            }
            guard !log.toolFailedToStart else {
                throw ClearinghouseError(
                    .invalidRequest,
                    "The SARIF log's `runs` is null: the tool failed before it could run, so the log reports nothing. Send the log of a run that completed."
                )
            }
            drafts = FindingDraft.drafts(from: log, target: target)
        case .osv:
            drafts = [try osvDraft(document)]
        case .native:
            drafts = try nativeDrafts(document)
        case .csaf:
            let csaf: CSAFDocument
            do {
                csaf = try CSAFDocument.read(document)
            } catch {
                throw ClearinghouseError(.invalidRequest, error.message)
            }
            guard !csaf.vulnerabilities.isEmpty else {
                throw ClearinghouseError(
                    .invalidRequest,
                    "The CSAF document has no `vulnerabilities` (`\(csaf.document.category)`), so it reports nothing.")
            }
            drafts = FindingDraft.drafts(from: csaf)
        }
        guard drafts.count <= Self.maximumFindings else {
            throw ClearinghouseError(
                .invalidRequest,
                "The document holds \(drafts.count) findings; one submission holds at most \(Self.maximumFindings). Split it."
            )
        }
        let places = Set(drafts.compactMap { $0.network?.place })
        guard places.count <= Self.maximumNetworkPlaces else {
            throw ClearinghouseError(
                .invalidRequest,
                "The findings name \(places.count) distinct network places; one submission names at most \(Self.maximumNetworkPlaces). Split it."
            )
        }
        // A log's results share their run's provenance: check each distinct one once.
        var checked: [FindingProvenance: FindingProvenance] = [:]
        return try drafts.enumerated().map { (index, draft) throws(ClearinghouseError) in
            var draft = draft
            let prefix = drafts.count > 1 || format == .sarif ? "findings[\(index)]." : ""
            let given = draft.provenance.overridden(by: provenance)
            if let known = checked[given] {
                draft.provenance = known
            } else {
                draft.provenance = try given.validated(prefix: prefix + "provenance.")
                checked[given] = draft.provenance
            }
            return try draft.validated(prefix: prefix, requiresTarget: format == .native, provenanceChecked: true)
        }
    }

    private func osvDraft(_ document: Data) throws(ClearinghouseError) -> FindingDraft {
        let reading: OSVReading
        do {
            reading = try OSVRecord.read(document, format: .json)
        } catch {
            throw ClearinghouseError(.invalidRequest, "The OSV record is not JSON: \(error.message)")
        }
        guard let record = reading.record else {
            let problems = reading.diagnostics.filter { $0.severity == .error }.prefix(5).map(\.description)
            throw ClearinghouseError(
                .invalidRequest, "The OSV record is invalid: " + problems.joined(separator: "; "))
        }
        return FindingDraft(osv: record, provenance: FindingProvenance())
    }

    private func nativeDrafts(_ document: Data) throws(ClearinghouseError) -> [FindingDraft] {
        if let problem = JSONNesting.problem(in: document) { throw ClearinghouseError(.invalidRequest, problem) }
        let findings: [FindingDraft]
        do {
            findings = try JSONDecoder().decode(NativeSubmission.self, from: document).findings
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw ClearinghouseError(.invalidRequest, "The body is not valid JSON.")
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw ClearinghouseError(
                .invalidRequest, "A native submission is a finding object, a list of them, or `{\"findings\": [...]}`.")
        } catch let error as DecodingError {
            throw ClearinghouseError(
                .invalidRequest, "The finding is malformed: \(error.fieldDescription).", field: error.fieldPath)
        } catch {
            throw ClearinghouseError(.invalidRequest, "The finding is malformed.")
        }
        guard !findings.isEmpty else {
            throw ClearinghouseError(.invalidRequest, "The submission holds no finding.")
        }
        return findings.map { draft in
            var draft = draft
            draft.format = .native
            return draft
        }
    }
}

/// A native submission: one finding, a list of them, or `{"findings": [...]}` (an object whose only member is
/// `findings`), told apart by its shape in one decoding pass.
private struct NativeSubmission: Decodable {
    let findings: [FindingDraft]

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if (try? decoder.unkeyedContainer()) != nil {
            findings = try [FindingDraft](from: decoder)
            return
        }
        let members = try decoder.container(keyedBy: Key.self)
        if members.allKeys.map(\.stringValue) == ["findings"] {
            findings = try members.decode([FindingDraft].self, forKey: Key(stringValue: "findings"))
        } else {
            findings = [try FindingDraft(from: decoder)]
        }
    }
}

/// The names of a document's top-level members, and whether `document.csaf_version` is there: enough to tell the
/// finding formats apart without reading the document as a tree.
private struct TopLevelMembers: Decodable {
    enum Name: String, CodingKey {
        case runs, version, id, modified, document
        case schemaVersion = "schema_version"
    }

    private enum CSAFName: String, CodingKey {
        case csafVersion = "csaf_version"
    }

    let present: Set<Name>
    let isCSAF: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        present = Set([Name.runs, .version, .id, .modified, .document, .schemaVersion].filter(container.contains))
        isCSAF =
            (try? container.nestedContainer(keyedBy: CSAFName.self, forKey: .document))?.contains(.csafVersion) ?? false
    }

    func has(_ name: Name) -> Bool { present.contains(name) }
}
