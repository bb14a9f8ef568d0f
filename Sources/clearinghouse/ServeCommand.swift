import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import Logging
import TransparencyLog

/// `clearinghouse serve`: runs the HTTP server until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server: the API and the web interface.",
        discussion: """
            Applies pending database migrations, then serves the API (under /v1) and the web interface's pages (from \
            /). SIGINT or SIGTERM stops accepting \
            connections, lets requests in flight finish, and closes the database.
            """)

    @Option(name: .long, help: "The address to listen on; 0.0.0.0 serves every interface.")
    var host: String = ServerConfiguration().host

    @Option(name: .long, help: "The TCP port to listen on.")
    var port: Int = ServerConfiguration().port

    @Option(
        name: .long,
        help: "The largest JSON body of the routes that take small ones (queries, cases, tokens …), in bytes.")
    var maxBodySize: Int = ServerConfiguration().maximumBodySize

    @Option(name: .long, help: "The largest findings file, SBOM or VEX document a member submits, in bytes.")
    var maxDocumentSize: Int = ServerConfiguration().maximumDocumentSize

    @Option(name: .long, help: "The largest advisory, KEV or EPSS import a coordinator sends over HTTP, in bytes.")
    var maxImportSize: Int = ServerConfiguration().maximumImportSize

    @OptionGroup var database: DatabaseOptions
    @OptionGroup(title: "Transparency log") var log: ServeLogOptions
    @OptionGroup(title: "Findings and validation") var findings: ServeFindingOptions
    @OptionGroup(title: "Priorities") var priorities: ServePriorityOptions
    @OptionGroup(title: "Scan deconfliction") var scans: ServeScanOptions
    @OptionGroup(title: "Coordinated disclosure") var disclosure: ServeDisclosureOptions
    @OptionGroup(title: "Frontier-model framework") var frontier: ServeFrontierOptions
    @OptionGroup(title: "Webhooks") var webhooks: ServeWebhookOptions
    @OptionGroup(title: "Signed channels (TUF, CSAF)") var signing: ServeSigningOptions
    @OptionGroup(title: "Web interface") var web: ServeWebOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive.") }
        guard maxDocumentSize > 0 else { throw ValidationError("--max-document-size must be positive.") }
        guard maxImportSize > 0 else { throw ValidationError("--max-import-size must be positive.") }
    }

    func run() async throws {
        // A log reader that goes away (`serve | head`, a collector restarting) must not stop the server: its log
        // writes fail instead (and are dropped).
        signal(SIGPIPE, SIG_IGN)
        let logger = logging.makeLogger(label: "clearinghouse")
        let url = try database.resolved()
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maximumBodySize = maxBodySize
        configuration.maximumDocumentSize = maxDocumentSize
        configuration.maximumImportSize = maxImportSize
        configuration.checkpointBatchSize = log.checkpointEntries
        configuration.checkpointInterval = .milliseconds(log.checkpointIntervalMs)
        findings.apply(to: &configuration)
        web.apply(to: &configuration)
        try priorities.apply(to: &configuration)
        scans.apply(to: &configuration)
        disclosure.apply(to: &configuration)
        frontier.apply(to: &configuration)
        webhooks.apply(to: &configuration)
        try signing.apply(to: &configuration)
        let signer = try log.signer(for: url, logger: logger)
        logger.info(
            "starting",
            metadata: [
                "database": .string(url.description), "address": "\(host):\(port)",
                "log_verifier_key": .string(signer.verifier.verifierKey),
            ])
        let store = try await Store.open(url, logger: logger)
        let application = buildApplication(
            configuration: configuration, store: store, logSigner: signer, dependencies: .system, logger: logger)
        try await application.runService()
        logger.info("stopped")
    }
}
