import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Logging
import Synchronization

/// `intake`: durable ingest, with deduplication, of a large SARIF log into SQLite, as `POST /v1/findings` does it:
/// read and check each submission's log, fold its results into cases, commit them with the audit event and the log
/// entry. The results go in submissions of at most ``FindingReader/maximumFindings``, as the server takes them.
struct IntakeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Ingest a generated SARIF log of N results into a new SQLite database (see scripts/bench-findings).")

    @Option(help: "The SQLite database file to create.") var database: String
    @Option(help: "Results in the SARIF log.") var results: Int = 100_000
    @Option(help: "One result in this many repeats an earlier one, so that deduplication has work to do.")
    var duplicateEvery: Int = 20

    func run() async throws {
        // As a client sends a larger log: in submissions of at most what one may hold, each its own transaction.
        let logs = stride(from: 0, to: results, by: FindingReader.maximumFindings).map { first in
            Self.sarifLog(first..<min(first + FindingReader.maximumFindings, results), duplicateEvery: duplicateEvery)
        }
        let dependencies = Self.dependencies()
        let store = try await Store.open(.sqlite(path: database), logger: Logger(label: "bench"))
        _ = try await store.migrate(now: Date())
        let bootstrap = try Bootstrap(name: "Bench Coordination", tokenLifetimeDays: 30, dependencies: dependencies)
        try await store.bootstrap(bootstrap)
        let reporter = bootstrap.organization.id
        let intake = FindingIntake(
            reporter: reporter, actor: AuditActor(organizationID: reporter, tokenID: nil, channel: .api),
            label: .amberStrict, dependencies: dependencies)
        let clock = ContinuousClock()
        var (reading, fingerprinting, committing) = (Duration.zero, Duration.zero, Duration.zero)
        var (findings, cases) = (0, 0)
        for log in logs {
            let start = clock.now
            let drafts = try FindingReader(provenance: FindingProvenance(model: "bench-model"))
                .drafts(from: log, format: .sarif)
            let read = clock.now
            let submission = FindingIntake.Submission(drafts)
            let fingerprinted = clock.now
            let event = AuditEvent(
                id: dependencies.makeID(), occurredAt: dependencies.now(), actor: intake.actor,
                action: .findingSubmit, target: nil, requestID: nil, outcome: .success,
                detail: "\(drafts.count) findings (sarif)")
            let now = dependencies.now()
            let plan = try await store.write(event) { repositories in
                let (plan, credit) = try await repositories.fold(submission, through: intake)
                if let credit { _ = try await repositories.log.append([credit], at: now) }
                return plan
            }
            reading += read - start
            fingerprinting += fingerprinted - read
            committing += clock.now - fingerprinted
            findings += plan.findings.count
            cases += plan.openedCases.count
        }
        await store.close()
        let total = seconds(reading + fingerprinting + committing)
        try printJSON([
            "results": results, "submissions": logs.count, "sarif_bytes": logs.reduce(0) { $0 + $1.count },
            "findings": findings, "cases": cases, "seconds": total, "findings_per_second": Double(results) / total,
            "read_seconds": seconds(reading), "fingerprint_seconds": seconds(fingerprinting),
            "commit_seconds": seconds(committing), "rss_bytes": residentMemory(),
        ])
    }

    /// A log shaped like a static analyser's: 50 rules with CWE tags, results spread over 5,000 files of 500
    /// modules, each with a function, a region and GitHub's `primaryLocationLineHash`.
    static func sarifLog(_ indices: Range<Int>, duplicateEvery: Int) -> Data {
        var text =
            #"{"version":"2.1.0","$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[{"tool":{"driver":{"name":"bench-scanner","semanticVersion":"1.4.2","rules":["#
        for rule in 0..<50 {
            if rule > 0 { text += "," }
            text +=
                #"{"id":"BS\#(rule)","shortDescription":{"text":"Rule \#(rule)"},"defaultConfiguration":{"level":"warning"},"properties":{"tags":["security","external/cwe/cwe-\#(20 + rule)"]}}"#
        }
        text += #"]}},"results":["#
        for index in indices {
            // A repeat copies a result that is not itself a repeat, in this log or an earlier one.
            let source = index >= 1_010 && index % duplicateEvery == 0 ? index - 1_000 - duplicateEvery / 2 : index
            if index > indices.lowerBound { text += "," }
            text +=
                #"{"ruleId":"BS\#(source % 50)","ruleIndex":\#(source % 50),"level":"error","message":{"text":"Tainted data reaches sink \#(source) in handler \#(source % 97)."},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/module\#(source % 500)/file\#(source % 5_000).c","uriBaseId":"%SRCROOT%"},"region":{"startLine":\#(10 + source % 900),"startColumn":5,"endLine":\#(12 + source % 900),"endColumn":40}},"logicalLocations":[{"fullyQualifiedName":"handler_\#(source)","kind":"function"}]}],"partialFingerprints":{"primaryLocationLineHash":"\#(String(UInt64(source) &* 0x9E37_79B9_7F4A_7C15, radix: 16)):1"}}"#
        }
        text += "]}]}"
        return Data(text.utf8)
    }

    /// A real clock, and randomness from a seeded generator (the benchmark needs no secrets).
    static func dependencies() -> Dependencies {
        let state = Mutex(SplitMix(seed: 42))
        return Dependencies(
            now: { Date() },
            randomBytes: { count in
                state.withLock { generator in
                    (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                }
            })
    }
}
