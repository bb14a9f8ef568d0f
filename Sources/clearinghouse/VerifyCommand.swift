import ArgumentParser
import ClearinghouseClient
import Foundation
import TransparencyLog

/// `clearinghouse verify`: checks that need nothing but public data and a public key.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a Clearinghouse server from outside.",
        subcommands: [VerifyLogCommand.self])
}

/// `clearinghouse verify log`: signature, consistency and inclusion of a server's transparency log.
struct VerifyLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Verify a server's transparency log against its verifier key.",
        discussion: """
            Fetches the latest checkpoint and checks its signature; with --state, checks that the log still \
            extends the checkpoint remembered in FILE from the last run, then remembers the new one; with \
            --entry, checks that each entry is in the signed tree. Exits 0 when everything verifies, and \
            otherwise non-zero with a message naming the failure: bad signature, inconsistent history, entry \
            not included. Run it from cron with a state file to monitor a log.
            """)

    @Option(name: .long, help: "The server's address, such as https://clearinghouse.example.org.")
    var url: String

    @Option(name: .long, help: "The log's verifier key, <name>+<key hash>+<base64 key>, as `log keygen` printed it.")
    var key: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A file remembering the last verified checkpoint; created when missing, updated on success.",
            valueName: "file"))
    var state: String?

    @Option(
        name: .long, help: ArgumentHelp("An entry index whose inclusion to check; repeat for more.", valueName: "index")
    )
    var entry: [UInt64] = []

    func run() async throws {
        guard let baseURL = URL(string: url), let scheme = baseURL.scheme, ["http", "https"].contains(scheme) else {
            throw ValidationError("--url must be an http:// or https:// address.")
        }
        let verifierKey: NoteVerifier
        do {
            verifierKey = try NoteVerifier(verifierKey: key)
        } catch {
            throw ValidationError("--key is not a verifier key: \(error).")
        }
        let remembered = try state.flatMap(Self.readState)
        let verifier = LogVerifier(key: verifierKey, source: HTTPLogSource(baseURL: baseURL))
        let report: LogVerifier.Report
        do {
            report = try await verifier.verify(remembered: remembered, entries: entry)
        } catch {
            throw VerificationFailed(failure: error)
        }
        let checkpoint = report.checkpoint.checkpoint
        print(
            "checkpoint \(checkpoint.origin) size \(checkpoint.size) root \(checkpoint.root.base64): signature verified"
        )
        if let size = report.consistentWith {
            print("consistent with the remembered checkpoint of size \(size)")
        }
        for included in report.entries {
            print("entry \(included.index) (\(included.kind)): included")
        }
        if let state {
            try Self.writeState(report.checkpoint.note, to: state)
            print("remembered in \(state)")
        }
    }

    private static func readState(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read the state file \(path).")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Replaces the state file atomically, so that an interrupted run leaves the previous checkpoint.
    private static func writeState(_ note: String, to path: String) throws {
        do {
            try Data(note.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ValidationError("Cannot write the state file \(path): \(error.localizedDescription)")
        }
    }
}

/// A failed verification: printed as `verification failed: <what>` with exit status 1.
struct VerificationFailed: Error, CustomStringConvertible {
    let failure: LogVerificationFailure

    var description: String { "verification failed: \(failure)" }
}
