import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer
import ClearinghouseStore
import Foundation

/// `clearinghouse import kev FILE`: CISA's Known Exploited Vulnerabilities catalog.
struct ImportKEVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kev",
        abstract: "Import CISA's Known Exploited Vulnerabilities catalog (its JSON file).",
        discussion: """
            FILE is known_exploited_vulnerabilities.json as CISA publishes it, or - for standard input. Every entry \
            is checked first (CVE id, dates, ransomware use, duplicates, the catalog's count); if any is wrong, \
            every problem is listed with its line and nothing is imported. Otherwise the catalog replaces the one \
            held, in one transaction, and the summary says how many entries were added, updated, removed and \
            unchanged. A catalog released before the one held is refused.

            Example: clearinghouse import kev known_exploited_vulnerabilities.json
            """)

    @OptionGroup var options: FeedImportOptions

    func run() async throws {
        try await options.run { importer, data in
            try await importer.importKEV(data, actor: AuditActor(organizationID: nil, tokenID: nil, channel: .cli))
        }
    }
}

/// `clearinghouse import epss FILE`: a day's EPSS scores.
struct ImportEPSSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epss",
        abstract: "Import a day's EPSS scores (FIRST's CSV file).",
        discussion: """
            FILE is epss_scores-YYYY-MM-DD.csv as FIRST publishes it (gunzip the .csv.gz first, or pipe it: \
            zcat epss_scores-2025-08-25.csv.gz | clearinghouse import epss -). It begins with a \
            #model_version:…,score_date:… line and the header cve,epss,percentile. Every line is checked first; \
            if any is wrong, every problem is listed with its line and nothing is imported. Otherwise the scores \
            replace those held, in one transaction. Scores of an earlier day than those held are refused.
            """)

    @OptionGroup var options: FeedImportOptions

    func run() async throws {
        try await options.run { importer, data in
            try await importer.importEPSS(data, actor: AuditActor(organizationID: nil, tokenID: nil, channel: .cli))
        }
    }
}

/// What both feed imports take and do: read the file, open the store, import, print the summary; errors become
/// messages with exit status 1.
struct FeedImportOptions: ParsableArguments {
    @Argument(help: "The feed's file, or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run(_ body: @Sendable (ThreatFeedImporter, Data) async throws -> ThreatFeedImport) async throws {
        let data: Data
        do {
            data =
                file == "-"
                ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
        }
        let logger = logging.makeLogger(label: "clearinghouse")
        let result: ThreatFeedImport
        do {
            result = try await Store.withStore(try database.resolved(), logger: logger) { store in
                try await store.migrate(now: Date())
                return try await body(ThreatFeedImporter(store: store, dependencies: .system), data)
            }
        } catch let error as ClearinghouseError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        print(json ? Self.json(result) : Self.text(result))
    }

    private static func text(_ result: ThreatFeedImport) -> String {
        let status = result.status
        return
            "\(status.feed.uppercased()) \(status.version) (released \(status.released)): \(status.entries) entries; "
            + "added \(result.added), updated \(result.updated), removed \(result.removed), unchanged \(result.unchanged)"
    }

    private static func json(_ result: ThreatFeedImport) -> String {
        let object: [String: Any] = [
            "feed": result.status.feed, "version": result.status.version, "released": result.status.released,
            "entries": result.status.entries, "added": result.added, "updated": result.updated,
            "removed": result.removed, "unchanged": result.unchanged,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
