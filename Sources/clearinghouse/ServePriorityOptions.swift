import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer

/// `serve` options for the priority queue.
struct ServePriorityOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Days to remediate by SSVC level, and to decide on unassessed subjects.",
            discussion: "Levels left out keep their defaults. A KEV due date that falls earlier wins.",
            valueName: "act=3,attend=14,track*=45,track=90,unassessed=7"))
    var priorityDue: String = PriorityPolicy.standard.description

    func validate() throws {
        _ = try policy()
    }

    /// Puts the options into a configuration.
    func apply(to configuration: inout ServerConfiguration) throws {
        configuration.priorityPolicy = try policy()
    }

    private func policy() throws -> PriorityPolicy {
        do {
            return try PriorityPolicy(parsing: priorityDue, field: "--priority-due")
        } catch {
            throw ValidationError("--priority-due: \(error.message)")
        }
    }
}
