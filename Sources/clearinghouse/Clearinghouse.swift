import ArgumentParser

/// The `clearinghouse` command: thin glue over the library targets.
@main
struct Clearinghouse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearinghouse",
        abstract: "An AI cybersecurity clearinghouse and voluntary frontier-model framework server.",
        discussion: """
            Start with `clearinghouse serve` (SQLite in ./clearinghouse.sqlite by default), then create the first \
            coordinator organization and its admin token with `clearinghouse admin bootstrap`.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, AdminCommand.self, ImportCommand.self, LogCommand.self,
            VerifyCommand.self, ValidatorCommand.self, CVSSCommand.self, SSVCCommand.self, BackupCommand.self,
            TUFCommand.self, CSAFCommand.self, EvaluationCommand.self,
        ]
    )
}
