import ArgumentParser
import Foundation
import SSVC

/// `clearinghouse ssvc`: an SSVC decision from a published decision table.
struct SSVCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssvc",
        abstract: "Decide with an SSVC decision table (CISA's coordinator tree, CERT/CC's deployer tree …).",
        discussion: """
            Give each input decision point as KEY=VALUE, by key or name in any letter case, and print \
            {"table", "outcome", "outcome_name", "inputs"}. --list shows the tables and their inputs.

            Example: clearinghouse ssvc --table cisa-coordinator E=A A=Y TI=T MWI=H
            """)

    @Option(help: "The decision table: cisa-coordinator, deployer, supplier, coordinator-triage …")
    var table: String = "cisa-coordinator"

    @Flag(help: "List the tables, their inputs and outcomes.") var list = false

    @Argument(help: "Inputs as KEY=VALUE (E=A, Exploitation=Active).") var inputs: [String] = []

    func run() throws {
        if list {
            for (name, table) in DecisionTables.all.sorted(by: { $0.key < $1.key }) {
                let inputs = table.inputs.map { "\($0.key)=\($0.values.map(\.key).joined(separator: "|"))" }
                let outcomes = table.outcomePoint?.values.map(\.name).joined(separator: ", ") ?? ""
                print("\(name): \(table.name) \(table.version); \(inputs.joined(separator: " ")) → \(outcomes)")
            }
            return
        }
        let pairs = try inputs.map { text -> (String, String) in
            let parts = text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("`\(text)` is not KEY=VALUE, as in E=A.") }
            return (String(parts[0]), String(parts[1]))
        }
        let decision: Decision
        do {
            decision = try DecisionTables.named(table).decide(pairs)
        } catch {
            throw ValidationError(error.message)
        }
        let object: [String: Any] = [
            "table": decision.table.id,
            "outcome": decision.outcome.key, "outcome_name": decision.outcome.name,
            "inputs": Dictionary(uniqueKeysWithValues: decision.inputs.map { ($0.point.key, $0.value.key) }),
        ]
        print(
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
    }
}
