public import ClearinghouseCore
import Crypto
public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The reference validator: claims validation jobs from a server, runs a command on each job's proof in a
/// directory of its own, and submits the signed result.
public struct ValidatorRunner: Sendable {
    /// How to reach the server and what to run.
    public struct Configuration: Sendable {
        public var server: URL
        public var token: String
        /// The 32-byte seed of the Ed25519 key the organization registered.
        public var keySeed: Data
        /// The command and its arguments; it gets the job in its environment (see ``environment(for:artifact:)``).
        public var command: [String]
        public var timeout: Duration
        /// Where each job gets a directory with its artifact and the command's output.
        public var workDirectory: URL
        /// Keep polling for jobs after the queue is empty, every `pollInterval`.
        public var watch: Bool
        public var pollInterval: Duration

        public init(
            server: URL, token: String, keySeed: Data, command: [String], timeout: Duration = .seconds(300),
            workDirectory: URL, watch: Bool = false, pollInterval: Duration = .seconds(30)
        ) {
            self.server = server
            self.token = token
            self.keySeed = keySeed
            self.command = command
            self.timeout = timeout
            self.workDirectory = workDirectory
            self.watch = watch
            self.pollInterval = pollInterval
        }
    }

    /// What happened to one job.
    public struct Report: Sendable, Hashable {
        public let jobID: String
        public let caseID: String
        public let kind: String
        public let result: String
        public let observedSignature: String
        /// The job's outcome after this attestation, when it closed the job.
        public let outcome: String?
    }

    /// A failure to talk to the server, with what it said.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Claims and attests jobs until none is left (or forever, with `watch`).
    ///
    /// - Parameter progress: Receives a line for each step, for the operator.
    public func run(progress: @Sendable (String) -> Void) async throws -> [Report] {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: configuration.keySeed)
        let keyID = ValidatorKey.keyID(of: key.publicKey.rawRepresentation)
        let organization = try await organizationID()
        var reports: [Report] = []
        while true {
            guard let claim = try await claim() else {
                guard configuration.watch else { break }
                progress("no job to claim; polling again in \(configuration.pollInterval)")
                try await Task.sleep(for: configuration.pollInterval)
                continue
            }
            progress("claimed \(claim.job.kind) job \(claim.job.id) for case \(claim.job.caseID)")
            let report = try await handle(claim, key: key, keyID: keyID, organization: organization, progress: progress)
            reports.append(report)
        }
        return reports
    }

    private func handle(
        _ claim: Claim, key: Curve25519.Signing.PrivateKey, keyID: String, organization: String,
        progress: @Sendable (String) -> Void
    ) async throws -> Report {
        let job = claim.job
        let (jobID, artifactPathOnServer) = try Self.checked(claim)
        let directory = configuration.workDirectory.appendingPathComponent(jobID.rawValue)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var artifactPath: String?
        if let url = artifactPathOnServer {
            let data = try await request("GET", url, expecting: [200])
            let file = directory.appendingPathComponent("artifact")
            try data.write(to: file)
            artifactPath = file.path
            progress("fetched the artifact (\(data.count) bytes) to \(file.path)")
        }
        let run = try await CommandExecution.run(
            configuration.command, environment: Self.environment(for: job, artifact: artifactPath), in: directory,
            timeout: configuration.timeout)
        progress(
            "ran `\(configuration.command.joined(separator: " "))` (sandbox: \(CommandExecution.Sandbox.available.rawValue)): \(run.observedSignature) → \(run.result)")
        guard let caseID = Case.ID(job.caseID),
            let kind = ValidationJob.Kind(rawValue: job.kind), let result = Attestation.Result(rawValue: run.result),
            let validator = Organization.ID(organization)
        else { throw Failure(description: "The server's job \(job.id) is malformed.") }
        let statement = AttestationStatement(
            jobID: jobID, caseID: caseID, kind: kind, target: job.target,
            artifact: job.artifact.flatMap(ArtifactDigest.init),
            result: result, environmentDigest: environmentDigest(), observedSignature: run.observedSignature,
            validator: validator)
        let signature = try key.signature(for: Data(statement.canonicalText.utf8))
        let body = try JSONSerialization.data(withJSONObject: [
            "result": run.result, "environment_digest": statement.environmentDigest,
            "observed_signature": statement.observedSignature, "key_id": keyID,
            "signature": signature.base64EncodedString(),
        ])
        let answer = try await request(
            "POST", "/v1/validation-jobs/\(job.id)/attestations", body: body, expecting: [201])
        let closed = try JSONDecoder().decode(Attested.self, from: answer).job.outcome
        progress("attested \(run.result)" + (closed.map { "; the job closed: \($0)" } ?? ""))
        return Report(
            jobID: job.id, caseID: job.caseID, kind: job.kind, result: run.result,
            observedSignature: run.observedSignature, outcome: closed)
    }

    /// Checks what the server sent before any of it names a file or a request: the job's id (a directory name) is
    /// an id, and the artifact's address is the artifact route of the digest the job names.
    ///
    /// - Returns: the job's id, and the path to fetch its artifact from, if it has one.
    static func checked(_ claim: Claim) throws -> (ValidationJob.ID, String?) {
        guard let jobID = ValidationJob.ID(claim.job.id) else {
            throw Failure(description: "The server's job id `\(claim.job.id.prefix(80))` is not an id.")
        }
        guard let url = claim.artifactURL else { return (jobID, nil) }
        guard let digest = claim.job.artifact.flatMap(ArtifactDigest.init),
            url == "/v1/artifacts/\(digest)" || url == "/v1/artifacts/\(digest.hex)"
        else {
            throw Failure(
                description: "The server's artifact address `\(url.prefix(120))` is not that of the job's artifact.")
        }
        return (jobID, "/v1/artifacts/\(digest)")
    }

    /// What the command finds in its environment: `CLEARINGHOUSE_ARTIFACT` (the proof's path, when the job has
    /// one), `CLEARINGHOUSE_TARGET` (the purl or `URL@commit` to run it against), `CLEARINGHOUSE_JOB_ID`,
    /// `CLEARINGHOUSE_JOB_KIND` (`reproduce` or `fix`) and `CLEARINGHOUSE_CASE_ID`.
    static func environment(for job: Job, artifact: String?) -> [String: String] {
        var environment = [
            "CLEARINGHOUSE_JOB_ID": job.id, "CLEARINGHOUSE_JOB_KIND": job.kind, "CLEARINGHOUSE_CASE_ID": job.caseID,
        ]
        environment["CLEARINGHOUSE_ARTIFACT"] = artifact
        environment["CLEARINGHOUSE_TARGET"] = job.target
        return environment
    }

    /// A digest of where the proof ran: the operating system, the machine's architecture, the sandbox and the
    /// command.
    func environmentDigest() -> String {
        var system = utsname()
        uname(&system)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let description =
            [text(system.sysname), text(system.release), text(system.machine), CommandExecution.Sandbox.available.rawValue]
            + configuration.command
        return "sha256:"
            + SHA256.hash(data: Data(description.joined(separator: "\n").utf8))
            .map { String(format: "%02x", $0) }.joined()
    }

    // MARK: HTTP

    struct Job: Decodable {
        let id: String
        let caseID: String
        let kind: String
        let target: String?
        let artifact: String?
        let outcome: String?

        enum CodingKeys: String, CodingKey {
            case id, kind, target, artifact, outcome
            case caseID = "case_id"
        }
    }

    struct Claim: Decodable {
        let job: Job
        let artifactURL: String?

        enum CodingKeys: String, CodingKey {
            case job
            case artifactURL = "artifact_url"
        }
    }

    private struct Attested: Decodable {
        let job: Job
    }

    private struct Me: Decodable {
        struct Organization: Decodable { let id: String }
        let organization: Organization
    }

    private func organizationID() async throws -> String {
        try JSONDecoder().decode(Me.self, from: try await request("GET", "/v1/me", expecting: [200])).organization.id
    }

    private func claim() async throws -> Claim? {
        let data = try await request("POST", "/v1/validation-jobs/claim", expecting: [200, 204])
        return data.isEmpty ? nil : try JSONDecoder().decode(Claim.self, from: data)
    }

    private func request(
        _ method: String, _ path: String, body: Data? = nil, expecting statuses: Set<Int>
    ) async throws -> Data {
        var base = configuration.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path) else { throw Failure(description: "Bad URL \(base + path).") }
        var request = URLRequest(url: url, timeoutInterval: 60)
        request.httpMethod = method
        request.setValue("Bearer \(configuration.token)", forHTTPHeaderField: "Authorization")
        request.setValue("clearinghouse-validator", forHTTPHeaderField: "User-Agent")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard statuses.contains(status) else {
            let problem = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["detail"] as? String
            throw Failure(
                description:
                    "\(method) \(path) answered \(status): \(problem ?? String(decoding: data.prefix(500), as: UTF8.self))"
            )
        }
        return status == 204 ? Data() : data
    }
}
