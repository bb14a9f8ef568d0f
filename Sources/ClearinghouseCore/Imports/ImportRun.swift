public import Foundation

/// A file a coordinator handed to the web interface to import (OSV records, the KEV catalog, EPSS scores): queued,
/// then read by the node that received it, with its progress stored as it goes so that any node can show it.
public struct ImportRun: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ImportRun>

    /// What the file holds.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case osv, kev, epss

        /// What a person calls it.
        public var title: String {
            switch self {
            case .osv: "OSV advisories"
            case .kev: "CISA KEV catalog"
            case .epss: "FIRST EPSS scores"
            }
        }
    }

    public enum State: String, Sendable, Hashable, CaseIterable {
        case queued, running, finished, failed
    }

    public let id: ID
    public let kind: Kind
    /// The file's name as the browser gave it.
    public let filename: String
    public let byteCount: Int
    public let organization: Organization.ID
    public let person: Person.ID?
    /// The node that reads the file.
    public let node: String
    public var state: State
    /// Documents (OSV) or entries (KEV, EPSS) read so far.
    public var processed: Int
    public var imported: Int
    public var updated: Int
    public var unchanged: Int
    /// Entries a KEV or EPSS import removed (no longer listed).
    public var removed: Int
    /// The documents skipped as invalid, the first ``maximumReports``.
    public var invalid: [AdvisoryImportSummary.DocumentReport]
    public var invalidCount: Int
    /// Why a failed import changed nothing (KEV and EPSS files are taken whole or not at all).
    public var failure: String?
    public let createdAt: Date
    /// When the node last reported progress.
    public var updatedAt: Date
    public var finishedAt: Date?

    /// Invalid documents kept with their reasons; the rest are only counted.
    public static let maximumReports = 100
    /// How long a queued or running import may go without progress before it counts as interrupted (its node
    /// stopped). Progress is reported at least every batch of 500 documents.
    public static let interruptedAfter: TimeInterval = 600

    public init(
        id: ID, kind: Kind, filename: String, byteCount: Int, organization: Organization.ID, person: Person.ID?,
        node: String, state: State = .queued, processed: Int = 0, imported: Int = 0, updated: Int = 0,
        unchanged: Int = 0, removed: Int = 0, invalid: [AdvisoryImportSummary.DocumentReport] = [], invalidCount: Int = 0, failure: String? = nil,
        createdAt: Date, updatedAt: Date? = nil, finishedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.filename = filename
        self.byteCount = byteCount
        self.organization = organization
        self.person = person
        self.node = node
        self.state = state
        self.processed = processed
        self.imported = imported
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
        self.invalid = invalid
        self.invalidCount = invalidCount
        self.failure = failure
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.finishedAt = finishedAt
    }

    /// Whether the run is still waiting or working.
    public var isActive: Bool { state == .queued || state == .running }

    /// Whether an active run stopped reporting progress: the node reading it stopped, and the file is gone with
    /// it. Importing the file again is safe: imports skip what is already stored.
    public func isInterrupted(at now: Date) -> Bool {
        isActive && now.timeIntervalSince(updatedAt) > Self.interruptedAfter
    }

    /// The name a browser gave a file, kept to 200 characters of printable text.
    public static func cleanFilename(_ name: String?) -> String {
        let printable = (name ?? "").unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
        let text = String(String.UnicodeScalarView(printable)).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "unnamed file" : String(text.prefix(200))
    }
}

extension AuditAction {
    public static let importQueue = AuditAction(rawValue: "import.queue")
}
