import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer

/// `serve` options for scan leases.
struct ServeScanOptions: ParsableArguments {
    private static let defaults = ScanPolicy()

    @Option(name: .long, help: "The longest lease one claim or extension may reach, in hours.")
    var scanMaxHours: Int = Int(defaults.maximumDuration / 3_600)

    @Option(
        name: .long,
        help: "Days after a scope was scanned to completion with a technique during which new claims on it are refused as recently scanned.")
    var scanCoolDownDays: Int = Int(defaults.coolDown / 86_400)

    @Option(name: .long, help: "Minutes a started lease lasts without a heartbeat before it lapses.")
    var scanHeartbeatMinutes: Int = Int(defaults.heartbeatTimeout / 60)

    @Option(name: .long, help: "How many leases in force one organization may hold at once.")
    var scanLeasesPerOrganization: Int = defaults.maximumLeasesPerOrganization

    func validate() throws {
        guard (1...24 * 30).contains(scanMaxHours) else {
            throw ValidationError("--scan-max-hours is from 1 to 720.")
        }
        guard scanCoolDownDays >= 0 else { throw ValidationError("--scan-cool-down-days cannot be negative.") }
        guard scanHeartbeatMinutes >= 1 else { throw ValidationError("--scan-heartbeat-minutes must be at least 1.") }
        guard scanLeasesPerOrganization >= 1 else {
            throw ValidationError("--scan-leases-per-organization must be at least 1.")
        }
    }

    /// Puts the options into a configuration.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.scanPolicy.maximumDuration = Double(scanMaxHours) * 3_600
        configuration.scanPolicy.coolDown = Double(scanCoolDownDays) * 86_400
        configuration.scanPolicy.heartbeatTimeout = Double(scanHeartbeatMinutes) * 60
        configuration.scanPolicy.maximumLeasesPerOrganization = scanLeasesPerOrganization
    }
}
