public import Foundation
import JSONSupport

/// CISA's Known Exploited Vulnerabilities catalog, read from the JSON CISA publishes
/// (`known_exploited_vulnerabilities.json`, schema version 1.0).
public struct KEVCatalog: Sendable, Hashable {
    /// One catalog entry: a CVE that CISA has evidence is exploited in the wild.
    public struct Entry: Sendable, Hashable {
        public let cveID: String
        public let vendorProject: String
        public let product: String
        public let vulnerabilityName: String
        public let dateAdded: CalendarDay
        public let shortDescription: String
        public let requiredAction: String
        /// When US federal agencies must have acted (BOD 22-01); a useful deadline for everyone else.
        public let dueDate: CalendarDay
        /// `Known` or `Unknown`.
        public let knownRansomwareCampaignUse: String
        public let notes: String
        public let cwes: [String]

        public init(
            cveID: String, vendorProject: String, product: String, vulnerabilityName: String, dateAdded: CalendarDay,
            shortDescription: String, requiredAction: String, dueDate: CalendarDay, knownRansomwareCampaignUse: String,
            notes: String, cwes: [String]
        ) {
            self.cveID = cveID
            self.vendorProject = vendorProject
            self.product = product
            self.vulnerabilityName = vulnerabilityName
            self.dateAdded = dateAdded
            self.shortDescription = shortDescription
            self.requiredAction = requiredAction
            self.dueDate = dueDate
            self.knownRansomwareCampaignUse = knownRansomwareCampaignUse
            self.notes = notes
            self.cwes = cwes
        }

        /// Whether CISA knows of ransomware campaigns using it.
        public var usedByRansomware: Bool { knownRansomwareCampaignUse == "Known" }
    }

    public let title: String
    public let catalogVersion: String
    /// When CISA released this version, as the catalog writes it.
    public let dateReleased: String
    public let releasedAt: Date
    public let entries: [Entry]

    public init(title: String, catalogVersion: String, dateReleased: String, releasedAt: Date, entries: [Entry]) {
        self.title = title
        self.catalogVersion = catalogVersion
        self.dateReleased = dateReleased
        self.releasedAt = releasedAt
        self.entries = entries
    }

    /// Reads a catalog, checking every entry.
    ///
    /// - Throws: `FeedError` listing every problem with its line: malformed JSON, a missing or mistyped field, a
    ///   CVE id, date or ransomware value that is not one the schema allows, a CVE listed twice, or a `count` that
    ///   differs from the entries (a truncated download).
    public static func read(_ data: Data) throws(FeedError) -> KEVCatalog {
        if let problem = JSONNesting.problem(in: data) { throw FeedError(line: nil, problem) }
        let lines = LineIndex(data)
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            // Not JSON at all: only then is it parsed again, by Foundation's parser, which says where, by offset.
            var line: Int?
            var reason = "The file is not valid JSON."
            do {
                _ = try JSONSerialization.jsonObject(with: data)
            } catch {
                line = lines.line(ofSyntaxError: error)
                reason = "The file is not valid JSON: \(error.localizedDescription)"
            }
            throw FeedError(line: line, reason)
        } catch let error as DecodingError {
            let line = Self.entryIndex(error).flatMap { lines.line(ofElement: $0) }
            throw FeedError(line: line, "The file is not a KEV catalog: \(error.fieldDescription).")
        } catch {
            throw FeedError(line: nil, "The file is not a KEV catalog: \(error).")
        }
        var problems: [FeedError.Problem] = []
        var entries: [Entry] = []
        var seen: [String: Int?] = [:]
        for (index, raw) in document.vulnerabilities.enumerated() {
            let line = lines.line(ofElement: index)
            let before = problems.count
            let report = { (message: String) in problems.append(FeedError.Problem(line: line, message)) }
            if !CVEIdentifier.isValid(raw.cveID) {
                report("`cveID` `\(raw.cveID)` is not a CVE id (`CVE-YYYY-NNNN`).")
            } else if let first = seen[raw.cveID] {
                report("\(raw.cveID) is listed twice\(first.map { " (first on line \($0))" } ?? "").")
            }
            seen[raw.cveID] = seen[raw.cveID] ?? line
            let added = CalendarDay(raw.dateAdded)
            let due = CalendarDay(raw.dueDate)
            if added == nil { report("`dateAdded` `\(raw.dateAdded)` of \(raw.cveID) is not a YYYY-MM-DD date.") }
            if due == nil { report("`dueDate` `\(raw.dueDate)` of \(raw.cveID) is not a YYYY-MM-DD date.") }
            if !["Known", "Unknown"].contains(raw.knownRansomwareCampaignUse) {
                report(
                    "`knownRansomwareCampaignUse` of \(raw.cveID) is `\(raw.knownRansomwareCampaignUse)`; it must be Known or Unknown."
                )
            }
            guard problems.count == before, let added, let due else { continue }
            entries.append(
                Entry(
                    cveID: raw.cveID, vendorProject: raw.vendorProject, product: raw.product,
                    vulnerabilityName: raw.vulnerabilityName, dateAdded: added, shortDescription: raw.shortDescription,
                    requiredAction: raw.requiredAction, dueDate: due,
                    knownRansomwareCampaignUse: raw.knownRansomwareCampaignUse, notes: raw.notes ?? "",
                    cwes: raw.cwes ?? []))
        }
        if let count = document.count, count != document.vulnerabilities.count {
            problems.append(
                FeedError.Problem(
                    line: nil,
                    "`count` says \(count) entries but the file has \(document.vulnerabilities.count); it may be truncated."
                ))
        }
        if document.catalogVersion.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.insert(FeedError.Problem(line: nil, "`catalogVersion` is empty: every catalog has a version."), at: 0)
        }
        let releasedAt = FeedTimestamp.parse(document.dateReleased)
        if releasedAt == nil {
            problems.insert(
                FeedError.Problem(line: nil, "`dateReleased` `\(document.dateReleased)` is not an ISO 8601 timestamp."),
                at: 0)
        }
        guard problems.isEmpty, let releasedAt else { throw FeedError(problems) }
        return KEVCatalog(
            title: document.title ?? "", catalogVersion: document.catalogVersion, dateReleased: document.dateReleased,
            releasedAt: releasedAt, entries: entries)
    }

    /// The index into `vulnerabilities` that a decoding error points at, if any.
    private static func entryIndex(_ error: DecodingError) -> Int? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            path = context.codingPath
        @unknown default:
            return nil
        }
        guard path.count >= 2, path[0].stringValue == "vulnerabilities" else { return nil }
        return path[1].intValue
    }

    private struct Document: Decodable {
        let title: String?
        let catalogVersion: String
        let dateReleased: String
        let count: Int?
        let vulnerabilities: [RawEntry]
    }

    private struct RawEntry: Decodable {
        let cveID: String
        let vendorProject: String
        let product: String
        let vulnerabilityName: String
        let dateAdded: String
        let shortDescription: String
        let requiredAction: String
        let dueDate: String
        let knownRansomwareCampaignUse: String
        let notes: String?
        let cwes: [String]?
    }
}
