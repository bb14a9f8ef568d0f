import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer

/// `serve` options for webhooks: how often a delivery is tried, how long an attempt may take, whether targets on
/// loopback and private addresses are allowed, and the hosts they may go to.
struct ServeWebhookOptions: ParsableArguments {
    private static let defaults = WebhookPolicy()

    @Option(
        name: .long,
        help:
            "Attempts at a webhook delivery before it goes to the dead-letter list; the delay doubles after each (1 s, 2 s, … up to an hour)."
    )
    var webhookAttempts: Int = defaults.maximumAttempts

    @Option(name: .long, help: "Seconds one webhook attempt may take, connecting included.")
    var webhookTimeout: Int = Int(defaults.timeout.components.seconds)

    @Flag(
        name: .long,
        help:
            "Deliver webhooks to loopback, private and reserved addresses, and over plain http: for a lab or a test, never for an instance others reach."
    )
    var webhookAllowPrivate = false

    @Option(
        name: .customLong("webhook-host"),
        help: ArgumentHelp(
            "A host webhooks may go to: a name, *.domain, an address or a network (repeatable). When given, subscriptions to other hosts are refused and their deliveries fail.",
            valueName: "host"))
    var webhookHosts: [String] = []

    func validate() throws {
        for host in webhookHosts {
            do {
                _ = try WebhookHost(parsing: host)
            } catch {
                throw ValidationError("--webhook-host: \(error.message)")
            }
        }
        guard (1...50).contains(webhookAttempts) else { throw ValidationError("--webhook-attempts is from 1 to 50.") }
        guard (1...120).contains(webhookTimeout) else { throw ValidationError("--webhook-timeout is from 1 to 120.") }
    }

    /// Puts the options into a configuration.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.webhookPolicy.maximumAttempts = webhookAttempts
        configuration.webhookPolicy.timeout = .seconds(webhookTimeout)
        configuration.webhookPolicy.allowsPrivateTargets = webhookAllowPrivate
        configuration.webhookPolicy.allowedHosts = webhookHosts.compactMap { try? WebhookHost(parsing: $0) }
    }
}
