import ArgumentParser
import ChildProcesses
import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
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
            try await importer.importKEV(data, actor: .commandLine)
        }
    }
}

/// `clearinghouse import epss FILE`: a day's EPSS scores.
struct ImportEPSSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epss",
        abstract: "Import a day's EPSS scores (FIRST's CSV file).",
        discussion: """
            FILE is epss_scores-YYYY-MM-DD.csv.gz as FIRST publishes it (a name ending in .gz is decompressed with \
            gzip), the CSV itself, or - for standard input. It begins with a \
            #model_version:…,score_date:… line and the header cve,epss,percentile. Every line is checked first; \
            if any is wrong, every problem is listed with its line and nothing is imported. Otherwise the scores \
            replace those held, in one transaction. Scores of an earlier day than those held are refused.
            """)

    @OptionGroup var options: FeedImportOptions

    func run() async throws {
        try await options.run { importer, data in
            try await importer.importEPSS(data, actor: .commandLine)
        }
    }
}

/// What both feed imports take and do: read the file, open the store, import, print the summary; errors become
/// messages with exit status 1.
struct FeedImportOptions: ParsableArguments {
    @Argument(help: "The feed's file (gzip-compressed when it ends in .gz), or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run(_ body: @Sendable (ThreatFeedImporter, Data) async throws -> ThreatFeedImport) async throws {
        let data: Data
        do {
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else if file.hasSuffix(".gz") {
                data = try Self.gunzip(file)
            } else {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            }
        } catch {
            let reason = (error as? DecompressionFailure)?.message ?? error.localizedDescription
            throw ValidationError("Cannot read \(file): \(reason)")
        }
        let logger = logging.makeLogger(label: "clearinghouse")
        let result: ThreatFeedImport
        do {
            result = try await Store.withStore(try database.resolved(), logger: logger) { store in
                try await store.migrate(now: Date())
                let commits = CommitPath(store: store, dependencies: .system, catalogs: nil, logger: logger)
                return try await body(ThreatFeedImporter(commits: commits), data)
            }
        } catch let error as ClearinghouseError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        print(json ? Self.json(result) : Self.text(result))
    }

    /// The most a compressed feed file may expand to: a day's EPSS scores are about 15 MB.
    static let maximumExpandedSize = 512 * 1024 * 1024
    /// The most a compressed feed file may expand per compressed byte, past its first 16 MiB: CSV compresses
    /// about fivefold.
    static let maximumExpansionRatio = 100

    /// A gzip file's contents, by the system's `gzip`, as FIRST publishes EPSS files compressed.
    private static func gunzip(_ path: String) throws -> Data {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        let output = Pipe()
        let errors = Pipe()
        let compressed = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        let limit = min(maximumExpandedSize, max(16 * 1024 * 1024, compressed &* maximumExpansionRatio))
        let process = try ChildProcess(
            "/usr/bin/env", arguments: ["gzip", "-dc", "--", path], output: .pipe(output), errors: .pipe(errors))
        // Read as it comes, and stop gzip at the limit: a small file can expand without end.
        var data = Data()
        let reader = output.fileHandleForReading
        while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty {
            guard data.count + chunk.count <= limit else {
                process.send(SIGKILL)
                process.waitUntilExit()
                throw DecompressionFailure(
                    message:
                        "it expands beyond \(limit) bytes (at most \(maximumExpandedSize), and \(maximumExpansionRatio) times the compressed file past 16 MiB), far more than an EPSS or KEV file; refused as a decompression bomb"
                )
            }
            data.append(chunk)
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.waitUntilExit() == .exited(0) else {
            throw DecompressionFailure(
                message: "gzip could not decompress it: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return data
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

/// Why a compressed feed file could not be read.
private struct DecompressionFailure: Error {
    let message: String
}
