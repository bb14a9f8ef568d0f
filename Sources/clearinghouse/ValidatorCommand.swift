import ArgumentParser
import ClearinghouseClient
import ClearinghouseCore
import Crypto
import Foundation

/// `clearinghouse validator`: the reference validator.
struct ValidatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validator",
        abstract: "Reproduce findings and fixes for a validator organization, and sign the results.",
        subcommands: [ValidatorKeygenCommand.self, ValidatorRunCommand.self])
}

/// `clearinghouse validator keygen`: a new Ed25519 key for signing attestations.
struct ValidatorKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a validator's signing key and print its public key.",
        discussion: """
            Writes the private key to FILE (mode 0600; an existing file is never replaced) and prints \
            {"public_key": BASE64, "key_id": "ed25519:…"}. Register the public key with \
            `POST /v1/validator-keys` using an admin token of your validator organization.
            """)

    @Option(name: .long, help: ArgumentHelp("Where to write the private key.", valueName: "file"))
    var out: String

    func run() throws {
        let key = Curve25519.Signing.PrivateKey()
        try SecretFile.create(
            out, contents: ValidatorKeyFile.prefix + key.rawRepresentation.base64EncodedString() + "\n",
            what: "validator key")
        let publicKey = key.publicKey.rawRepresentation
        let printed = try JSONSerialization.data(
            withJSONObject: [
                "public_key": publicKey.base64EncodedString(), "key_id": ValidatorKey.keyID(of: publicKey),
            ], options: [.sortedKeys])
        print(String(decoding: printed, as: UTF8.self))
    }
}

/// `clearinghouse validator run`: claim jobs, run a command on each proof, attest.
struct ValidatorRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Claim validation jobs, run COMMAND on each job's proof, and submit signed attestations.",
        discussion: """
            For each job, the artifact (the proof) is downloaded into WORK-DIR/<job id>/artifact and COMMAND runs \
            there with CLEARINGHOUSE_ARTIFACT (its path), CLEARINGHOUSE_TARGET (the purl or URL@commit to test), \
            CLEARINGHOUSE_JOB_KIND (reproduce or fix), CLEARINGHOUSE_JOB_ID and CLEARINGHOUSE_CASE_ID in its \
            environment, and nothing of this process's environment but a search path. COMMAND exits 0 when the \
            proof does not trigger the vulnerability and 1-124 or 128-255 when it does; exit status 125 (cannot \
            test), 126 or 127 (cannot run), being killed by a signal, running past --timeout or writing more than \
            4 MiB of output are inconclusive. COMMAND runs in a process group of its own (all of it is stopped at \
            the timeout) and, where the machine has bubblewrap or user namespaces, without network. The result, an \
            environment digest and what the run printed are signed with the key and submitted. Stops when no job is \
            left, unless --watch.

            The token is read from CLEARINGHOUSE_TOKEN or from --token-file, never from the command line, where \
            other users of the machine could read it.

            Example: CLEARINGHOUSE_TOKEN="$T" clearinghouse validator run --server https://ch.example \
            --key validator.key -- ./reproduce.sh
            """)

    @Option(help: "The server's address.") var server: String
    @Option(
        name: .customLong("token-file"),
        help: ArgumentHelp(
            "A file holding an analyst or admin token of a verified validator organization (default: the CLEARINGHOUSE_TOKEN environment variable).",
            valueName: "file"))
    var tokenFile: String?
    @Option(help: ArgumentHelp("The private key file `validator keygen` wrote.", valueName: "file")) var key: String
    @Option(help: "Seconds a run may take before it is stopped and counted inconclusive.") var timeout: Int = 300
    @Option(name: .customLong("work-dir"), help: "Where each job's directory is made (default: a new temporary one).")
    var workDirectory: String?
    @Flag(help: "Keep polling for jobs when none is left.") var watch = false
    @Option(help: "Seconds between polls with --watch.") var pollInterval: Int = 30
    @Argument(parsing: .postTerminator, help: "The command that runs a proof, after `--`.") var command: [String] = []

    func validate() throws {
        guard !command.isEmpty else {
            throw ValidationError("Name the command that runs a proof after `--`, as in `-- ./reproduce.sh`.")
        }
        guard URL(string: server)?.scheme.map({ ["http", "https"].contains($0) }) == true else {
            throw ValidationError("--server must be an http or https URL, such as https://clearinghouse.example.")
        }
        guard timeout > 0, pollInterval > 0 else {
            throw ValidationError("--timeout and --poll-interval must be positive.")
        }
    }

    /// The token: from the file, or from `CLEARINGHOUSE_TOKEN`.
    private func token() throws -> String {
        let text =
            try tokenFile.map { try SecretFile.read($0, what: "token") }
            ?? ProcessInfo.processInfo.environment["CLEARINGHOUSE_TOKEN"]
        guard let token = text?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw ValidationError("Give the validator's token in CLEARINGHOUSE_TOKEN, or in a file named by --token-file.")
        }
        return token
    }

    func run() async throws {
        let token = try token()
        let seed = try ValidatorKeyFile.read(key)
        let directory =
            workDirectory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("clearinghouse-validator-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let runner = ValidatorRunner(
            configuration: .init(
                server: URL(string: server)!, token: token, keySeed: seed, command: command,
                timeout: .seconds(timeout), workDirectory: directory, watch: watch, pollInterval: .seconds(pollInterval)
            ))
        let reports: [ValidatorRunner.Report]
        do {
            reports = try await runner.run { line in
                FileHandle.standardError.write(Data("validator: \(line)\n".utf8))
            }
        } catch let failure as ValidatorRunner.Failure {
            throw ValidationError(failure.description)
        }
        for report in reports {
            var line: [String: Any] = [
                "job_id": report.jobID, "case_id": report.caseID, "kind": report.kind, "result": report.result,
                "observed_signature": report.observedSignature,
            ]
            line["outcome"] = report.outcome
            print(
                String(
                    decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
        }
        FileHandle.standardError.write(Data("validator: \(reports.count) jobs attested; no job left\n".utf8))
    }
}

/// A validator's private key on disk: `ed25519-seed:` and the base64 of its 32-byte seed.
enum ValidatorKeyFile {
    static let prefix = "ed25519-seed:"

    static func read(_ path: String) throws -> Data {
        let text = try SecretFile.read(path, what: "validator key").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(prefix), let seed = Data(base64Encoded: String(text.dropFirst(prefix.count))),
            seed.count == 32
        else {
            throw ValidationError("\(path) is not a validator key. Make one with `clearinghouse validator keygen`.")
        }
        return seed
    }
}
