public import ClearinghouseCore
public import Foundation
public import ClearinghouseStore
public import JSONSupport
public import OSV
public import TLP

/// Reads OSV documents, validates each, stores the valid ones in batches with their audit events and their place
/// in the change feed. An invalid document is reported with its reasons and skipped; it never reaches the store.
/// Every server node's advisory catalog follows the feed; the node that imports catches up when the import ends.
public struct AdvisoryImporter: Sendable {
    let store: Store
    let dependencies: Dependencies
    let commits: CommitPath
    let batchSize: Int

    /// - Parameters:
    ///   - commits: how this node commits (and whose catalogs follow at once).
    ///   - batchSize: records per transaction.
    public init(commits: CommitPath, batchSize: Int = 500) {
        self.store = commits.store
        self.dependencies = commits.dependencies
        self.commits = commits
        self.batchSize = batchSize
    }

    /// An import in progress: feed it documents, then finish it.
    public final class Run {
        let importer: AdvisoryImporter
        let actor: AuditActor
        let requestID: String?
        let visibility: Visibility
        public private(set) var summary = AdvisoryImportSummary()
        private var pending: [Advisory] = []

        init(importer: AdvisoryImporter, actor: AuditActor, requestID: String?, visibility: Visibility) {
            self.importer = importer
            self.actor = actor
            self.requestID = requestID
            self.visibility = visibility
        }

        /// Validates one document and queues it; stores a batch when one is full.
        public func add(_ document: OSVDocument) async throws {
            do {
                try await add(OSVRecord.read(document.data, format: document.format), source: document.source)
            } catch let error as OSVError {
                summary.invalid.append(.init(source: document.source, reasons: [error.message]))
            }
        }

        /// How a file of OSV records is written.
        public enum FileFormat: Sendable {
            /// One record, or an array of records.
            case json
            /// One record.
            case yaml
            /// An archive of records, as osv.dev publishes them.
            case zip
        }

        /// Validates every record of a file and queues each; `progress` is told after each document how many
        /// were read.
        ///
        /// - Throws: `invalid_request` for a file that is not JSON or not a readable archive (records read from an
        ///   archive before the problem stay queued).
        public func add(
            file data: Data, format: FileFormat, named source: String,
            progress: (Int) async throws -> Void = { _ in }
        ) async throws {
            var read = 0
            func added() async throws {
                read += 1
                try await progress(read)
            }
            switch format {
            case .zip:
                do {
                    try await OSVDocuments.forEachMember(ofArchive: data, named: source) { document in
                        try await add(document)
                        try await added()
                    }
                } catch let failure as OSVDocuments.Failure {
                    throw ClearinghouseError(.invalidRequest, "\(failure)")
                }
            case .yaml:
                try await add(OSVDocument(source: source, data: data, format: .yaml))
                try await added()
            case .json:
                // Read once: an array's elements are validated as the trees they already are.
                let tree: JSONTree
                do {
                    tree = try JSONTree(json: data)
                } catch {
                    throw ClearinghouseError(.invalidRequest, "\(source): \(error.message)")
                }
                if case .array(let elements) = tree {
                    for (index, element) in elements.enumerated() {
                        try await add(element, source: "\(source)[\(index)]")
                        try await added()
                    }
                } else {
                    try await add(tree, source: source)
                    try await added()
                }
            }
        }

        /// Validates one JSON document already parsed, and queues it.
        public func add(_ document: JSONTree, source: String) async throws {
            try await add(OSVRecord.read(document, numbersAreText: false), source: source)
        }

        private func add(_ reading: OSVReading, source: String) async throws {
            guard let record = reading.record,
                let advisory = try? Advisory(record: record, visibility: visibility, isPublished: true)
            else {
                summary.invalid.append(.init(source: source, reasons: reading.errors.map(\.description)))
                return
            }
            if !reading.warnings.isEmpty { summary.warn(source: source, reading.warnings.map(\.description)) }
            pending.append(advisory)
            if pending.count >= importer.batchSize { try await flush() }
        }

        /// Stores what is queued, brings this node's catalogs up to the import, and returns the summary.
        public func finish() async throws -> AdvisoryImportSummary {
            try await flush()
            await importer.commits.followCommittedChanges()
            return summary
        }

        private func flush() async throws {
            guard !pending.isEmpty else { return }
            let batch = pending
            pending = []
            let results = try await importer.store.importAdvisories(
                batch, actor: actor, requestID: requestID, dependencies: importer.dependencies)
            for result in results { summary.count(result.outcome) }
            // Duplicates within a batch count once as stored, the rest as unchanged.
            summary.unchanged += batch.count - results.count
        }
    }

    /// Starts an import by an actor; records are published with the given visibility (TLP:CLEAR by default).
    public func start(
        actor: AuditActor, requestID: String? = nil, visibility: Visibility = Visibility(label: .clear, owner: nil)
    ) -> Run {
        Run(importer: self, actor: actor, requestID: requestID, visibility: visibility)
    }
}
