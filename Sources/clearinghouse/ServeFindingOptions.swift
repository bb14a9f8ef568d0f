import ArgumentParser
import ClearinghouseServer

/// `serve` options for findings and their validation.
struct ServeFindingOptions: ParsableArguments {
    @Option(name: .long, help: "How many independent validator organizations must agree to validate or reject a case.")
    var validationQuorum: Int = ServerConfiguration().validationQuorum

    @Option(name: .long, help: "Hours a validator's claim on a job lasts before others may take its place.")
    var validationClaimHours: Int = 24

    @Option(name: .long, help: "How many validation claims one validator organization may hold open at once.")
    var openClaims: Int = ServerConfiguration().openClaimsPerOrganization

    @Option(name: .long, help: "The largest proof-of-vulnerability artifact accepted, in bytes.")
    var maxArtifactSize: Int = ServerConfiguration().maximumArtifactSize

    @Option(name: .long, help: "The bytes of proof artifacts one organization may store, each counted once.")
    var artifactStorageQuota: Int = ServerConfiguration().artifactStorageQuota

    func validate() throws {
        guard validationQuorum >= 1 else { throw ValidationError("--validation-quorum must be at least 1.") }
        guard validationClaimHours >= 1 else { throw ValidationError("--validation-claim-hours must be at least 1.") }
        guard openClaims >= 1 else { throw ValidationError("--open-claims must be at least 1.") }
        guard maxArtifactSize > 0 else { throw ValidationError("--max-artifact-size must be positive.") }
        guard artifactStorageQuota > 0 else { throw ValidationError("--artifact-storage-quota must be positive.") }
    }

    /// Puts the options into a configuration.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.validationQuorum = validationQuorum
        configuration.validationClaimDuration = Double(validationClaimHours) * 3_600
        configuration.openClaimsPerOrganization = openClaims
        configuration.maximumArtifactSize = maxArtifactSize
        configuration.artifactStorageQuota = artifactStorageQuota
    }
}
