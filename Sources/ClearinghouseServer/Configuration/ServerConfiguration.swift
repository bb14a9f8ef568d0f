public import ClearinghouseCore
public import Foundation

/// How the HTTP server runs. Every field has the default that `clearinghouse serve` uses.
public struct ServerConfiguration: Sendable {
    /// The address to listen on. The default serves this machine only.
    public var host: String = "127.0.0.1"
    /// The TCP port to listen on.
    public var port: Int = 8080
    /// The largest JSON request body of the routes that take small ones (queries, organizations, tokens, cases,
    /// validation, decisions), in bytes (1 MiB: a batch of a thousand OSV queries is about 100 KiB).
    public var maximumBodySize: Int = 1024 * 1024
    /// The largest document a member submits, in bytes (32 MiB): findings (SARIF, OSV, CSAF, native), SBOMs and
    /// VEX documents.
    public var maximumDocumentSize: Int = 32 * 1024 * 1024
    /// The largest import a coordinator sends over HTTP, in bytes (512 MiB: osv.dev's archive of one ecosystem;
    /// KEV and EPSS files are far smaller).
    public var maximumImportSize: Int = 512 * 1024 * 1024
    /// The organizations every determination consults, besides those its authority names: each signs off.
    public var designationConsultees: [Organization.ID] = []
    /// The largest evaluation log submitted for a model, in bytes (128 MiB: an Inspect `.eval` of 10,000 agentic
    /// samples with their transcripts; only its header and summaries are inflated).
    public var maximumEvaluationLogSize: Int = 128 * 1024 * 1024
    /// The largest proof-of-vulnerability artifact accepted, in bytes (10 MiB).
    public var maximumArtifactSize: Int = 10 * 1024 * 1024
    /// The bytes of proof artifacts one organization may store, each distinct artifact counted once (1 GiB).
    public var artifactStorageQuota: Int = 1024 * 1024 * 1024
    /// How many distinct validator organizations must agree before a case is validated or rejected.
    public var validationQuorum: Int = 2
    /// How long a validator's claim on a job lasts before others may take its place, in seconds (a claim's expiry is
    /// a time stored with it).
    public var validationClaimDuration: TimeInterval = 24 * 3_600
    /// How many validation claims one organization may hold open at once.
    public var openClaimsPerOrganization: Int = 3
    /// The rules for scan claims: lease durations, the cool-down after a completed scan, heartbeats, leases per
    /// organization.
    public var scanPolicy = ScanPolicy()
    /// How long a validated case stays embargoed unless those on it agree otherwise.
    public var embargoPolicy = EmbargoPolicy()
    /// The prefix of the advisories this instance publishes (`CHX-2026-0001`).
    public var advisoryPrefix = "CHX"
    /// The CVE Numbering Authority's organization UUID in CVE Services, written into the CVE records' CNA
    /// containers; `nil` leaves it to the tool that submits them.
    public var cveOrganization: UUID?
    /// Webhook retries and timeouts, and whether targets on private addresses are allowed.
    public var webhookPolicy = WebhookPolicy()
    /// The keys that sign the TUF repository's online metadata; `nil` serves what the database holds and signs
    /// nothing (`clearinghouse tuf init` creates a repository and its keys).
    public var tufSigning: TUFSigning?
    /// The OpenPGP key that signs the CSAF provider directory's documents; `nil` serves them unsigned, as a
    /// `csaf_provider` rather than a `csaf_trusted_provider` (`clearinghouse csaf key` makes one).
    public var csafSigningKey: OpenPGPSigningKey?
    /// Days allowed for remediation by SSVC level, and for a decision on subjects nobody has assessed.
    public var priorityPolicy: PriorityPolicy = .standard
    /// How often the in-memory catalogs (advisories, SBOMs, VEX) read the change feed for what other nodes and the
    /// command line stored: the bound on how long another node's write takes to be served here.
    public var catalogFollowInterval: Duration = .milliseconds(500)
    /// How long the catalogs may go without reading the change feed before `/ready` answers 503.
    public var catalogStaleAfter: Duration = .seconds(10)
    /// Vulnerabilities per page of an OSV API query, as osv.dev pages them.
    public var osvPageSize: Int = 1_000
    /// This node's name in the scheduler's claims and run records: the host name and process id by default.
    public var nodeName: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    /// How often the scheduler offers its jobs to the database.
    public var schedulerTick: Duration = .seconds(1)
    /// How often lapsed validation claims are closed.
    public var claimExpiryPeriod: Duration = .seconds(60)
    /// How long a change stays in the change feed; a node down for longer loads its catalogs again.
    public var changeRetention: Duration = .seconds(3_600)
    /// How long `/ready` waits for the database before it answers 503.
    public var readinessTimeout: Duration = .seconds(2)
    /// Entries appended through this server that make the transparency log sign a checkpoint at once.
    public var checkpointBatchSize: Int = 256
    /// The longest a committed log entry waits for a checkpoint that covers it.
    public var checkpointInterval: Duration = .seconds(1)

    /// Whether the web interface's cookies carry `Secure` (and the session cookie the `__Host-` prefix), so that
    /// browsers send them over HTTPS only. Turn off only to use the pages over plain HTTP on this machine.
    public var secureCookies: Bool = true
    /// Sign-in and invitation forms one client address may post per minute on this node; beyond it the page says
    /// to wait. The per-person lockout (in the store) applies on every node besides.
    public var signInAttemptsPerMinute: Int = 10
    /// How long a person's web session lasts unused, and in all.
    public var sessionLifetime: SessionLifetime = .standard

    /// Creates the default configuration.
    public init() {}
}
