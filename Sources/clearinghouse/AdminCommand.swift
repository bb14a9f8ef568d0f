import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation

/// `clearinghouse admin`: administration on the server's own machine.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Administer an instance directly through its database.",
        subcommands: [BootstrapCommand.self])
}

/// `clearinghouse admin bootstrap`: the first coordinator organization and its first admin token.
struct BootstrapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap",
        abstract: "Create the first coordinator organization and print its first admin token, once.",
        discussion: """
            Prints {"organization": {...}, "token": "chtok_..."} on standard output. The token is shown only \
            this once: store it in a secret manager. Run again on the same database, the command refuses and \
            changes nothing.
            """)

    @Option(name: .long, help: "The coordinator organization's name.")
    var name: String = "Clearinghouse Coordination Center"

    @Option(name: .long, help: "A contact e-mail address for the coordinator organization.")
    var contactEmail: String?

    @Option(name: .long, help: "How many days the first admin token lives (1 to 366).")
    var tokenLifetimeDays: Int = 90

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger(label: "clearinghouse")
        let url = try database.resolved()
        let contacts = contactEmail.map { [Contact(name: name, email: $0)] } ?? []
        let plan: Bootstrap
        do {
            plan = try Bootstrap(
                name: name, contacts: contacts, tokenLifetimeDays: tokenLifetimeDays, dependencies: .system)
        } catch {
            throw ValidationError(error.message)
        }
        try await Store.withStore(url, logger: logger) { store in
            try await store.migrate(now: Date())
            try await store.bootstrap(plan)
        }
        print(plan.json)
    }
}
