public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation

/// What every workflow shares: how changes are committed, the access gate, and the instance's policy settings.
/// The server and the command line build one and hand it to the feature workflows (``CaseWorkflows`` …).
public struct Workflows: Sendable {
    public let commits: CommitPath
    public let gate: AccessGate
    public let settings: WorkflowSettings

    public init(commits: CommitPath, policy: AccessPolicy = AccessPolicy(), settings: WorkflowSettings) {
        self.commits = commits
        self.gate = AccessGate(policy: policy, store: commits.store, dependencies: commits.dependencies)
        self.settings = settings
    }

    public var store: Store { commits.store }
    public var dependencies: Dependencies { commits.dependencies }
}

/// The instance's policy settings that workflows apply. Every field has the default `clearinghouse serve` uses.
public struct WorkflowSettings: Sendable {
    /// How many distinct validator organizations must agree before a case is validated or rejected.
    public var validationQuorum: Int = 2
    /// How long a validator's claim on a job lasts before others may take its place, in seconds.
    public var validationClaimDuration: TimeInterval = 24 * 3_600
    /// How many validation claims one organization may hold open at once.
    public var openClaimsPerOrganization: Int = 3
    /// Days allowed for remediation by SSVC level.
    public var priorityPolicy: PriorityPolicy = .standard
    /// The bytes of proof artifacts one organization may store, each distinct artifact counted once (1 GiB).
    public var artifactStorageQuota: Int = 1024 * 1024 * 1024
    /// The rules for scan claims: lease durations, the cool-down, heartbeats.
    public var scanPolicy = ScanPolicy()
    /// How long a validated case stays embargoed unless those on it agree otherwise.
    public var embargoPolicy = EmbargoPolicy()
    /// The prefix of the advisories this instance publishes (`CHX-2026-0001`).
    public var advisoryPrefix = "CHX"
    /// Webhook retries, and whether targets on private addresses are allowed.
    public var webhookPolicy = WebhookPolicy()

    public init() {}
}
