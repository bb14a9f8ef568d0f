import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation

/// `clearinghouse import`: load data from public sources into the store.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data from public sources into the database.",
        subcommands: [ImportOSVCommand.self, ImportKEVCommand.self, ImportEPSSCommand.self])
}

/// `clearinghouse import osv PATH...`: OSV records from files, directories and zip archives.
struct ImportOSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "osv",
        abstract: "Import OSV advisories from JSON or YAML files, directories and zip archives.",
        discussion: """
            Reads every .json, .yaml and .yml file under the paths, including the members of .zip archives such \
            as osv.dev's all.zip. Each record is validated against the OSV schema and the OSV linter's offline \
            checks; invalid records are reported with their reasons and skipped. Importing is idempotent: a record \
            whose id and modified time are already stored is unchanged, a newer one replaces it, an older one is \
            ignored. Imported advisories are public (TLP:CLEAR) and published. Each stored change is audited.

            Progress goes to standard error; the summary to standard output. The exit status is 0 when every \
            document was valid, 1 when some were skipped as invalid (the valid ones are still imported).
            """)

    @Argument(help: "Files, directories or zip archives of OSV records.")
    var paths: [String]

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Name at least one file, directory or zip archive.") }
    }

    func run() async throws {
        let logger = logging.makeLogger(label: "clearinghouse")
        let url = try database.resolved()
        let documents = OSVDocuments(paths: paths)
        let total: Int
        do {
            total = try documents.count()
        } catch {
            throw ValidationError("\(error)")
        }
        let started = Date()
        let summary = try await Store.withStore(url, logger: logger) { store in
            try await store.migrate(now: Date())
            let importer = AdvisoryImporter(
                commits: CommitPath(store: store, dependencies: .system, catalogs: nil, logger: logger))
            let run = importer.start(actor: .commandLine)
            var progress = ProgressBar(total: total, label: "OSV documents")
            do {
                try await documents.forEach { document in
                    try await run.add(document)
                    progress.advance()
                }
            } catch let failure as OSVDocuments.Failure {
                throw ValidationError("\(failure)")
            }
            progress.finish()
            return try await run.finish()
        }
        let seconds = Date().timeIntervalSince(started)
        print(json ? summary.json : summary.text(seconds: seconds))
        if !summary.invalid.isEmpty {
            throw ExitCode(1)
        }
    }
}

extension AdvisoryImportSummary {
    func text(seconds: Double) -> String {
        var lines = [
            "imported \(imported), updated \(updated), unchanged \(unchanged), invalid \(invalid.count), "
                + "with warnings \(warned) (\(total) documents in \(String(format: "%.1f", seconds)) s)"
        ]
        for rejection in invalid {
            lines.append("invalid: \(rejection.source)")
            lines += rejection.reasons.map { "  \($0)" }
        }
        for warning in warnings {
            lines.append("warning: \(warning.source)")
            lines += warning.reasons.map { "  \($0)" }
        }
        if warned > warnings.count {
            lines.append("(\(warned - warnings.count) more documents with warnings)")
        }
        return lines.joined(separator: "\n")
    }

    var json: String {
        let object: [String: Any] = [
            "imported": imported, "updated": updated, "unchanged": unchanged,
            "invalid": invalid.map { ["source": $0.source, "reasons": $0.reasons] },
            "warned": warned, "warnings": warnings.map { ["source": $0.source, "reasons": $0.reasons] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
