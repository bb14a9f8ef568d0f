import Foundation
import SSVC
import Testing

/// The published decision tables, loaded as data: every row reproduces, every combination of inputs has one row,
/// and bad inputs say what is accepted.
@Suite struct DecisionTableTests {
    @Test func everyTableLoads() {
        #expect(DecisionTables.all.count == 8)
        #expect(DecisionTables.all["cisa-coordinator"]?.mapping.count == 36)
        #expect(DecisionTables.all["deployer"]?.mapping.count == 72)
    }

    @Test(arguments: DecisionTables.all.keys.sorted())
    func everyRowReproduces(name: String) throws {
        let table = try DecisionTables.named(name)
        var reproduced = 0
        for row in table.mapping {
            let inputs = table.inputs.map { ($0.key, row[$0.id] ?? "") }
            let decision = try table.decide(inputs)
            #expect(decision.outcome.key == row[table.outcome], "\(name): \(row)")
            if decision.outcome.key == row[table.outcome] { reproduced += 1 }
        }
        #expect(reproduced == table.mapping.count)
        // One row for every combination of input values, none twice.
        let combinations = table.inputs.reduce(1) { $0 * $1.values.count }
        let distinct = Set(table.mapping.map { row in table.inputs.map { row[$0.id] ?? "" } })
        #expect(table.mapping.count == combinations && distinct.count == combinations, "\(name)")
        print("SSVC \(name): \(reproduced) of \(table.mapping.count) rows reproduce")
    }

    @Test func cisaCoordinatorOutcomesByNameOrKey() throws {
        let table = try DecisionTables.named("cisa-coordinator")
        let act = try table.decide([
            ("Exploitation", "active"), ("A", "Y"), ("technical impact", "Total"), ("MWI", "H"),
        ])
        #expect(act.outcome.name == "Act")
        #expect(act.inputs.map(\.point.key) == ["E", "A", "TI", "MWI"])
        let track = try table.decide([("E", "N"), ("A", "N"), ("TI", "P"), ("MWI", "L")])
        #expect(track.outcome.name == "Track")
    }

    @Test(arguments: [
        ([("E", "A"), ("A", "Y"), ("TI", "T")], "`MWI` (Mission and Well-Being Impact) is missing"),
        ([("E", "Q"), ("A", "Y"), ("TI", "T"), ("MWI", "H")], "`E` (Exploitation) cannot be `Q`"),
        ([("X", "A")], "`X` is not an input of CISA Coordinator"),
        ([("E", "A"), ("E", "P")], "`E` is given more than once"),
    ])
    func badInputsSayWhatIsAccepted(inputs: [(String, String)], mention: String) throws {
        let table = try DecisionTables.named("cisa-coordinator")
        #expect {
            try table.decide(inputs)
        } throws: { error in
            (error as? SSVCError)?.message.contains(mention) == true
        }
    }

    @Test func unknownTablesListTheOthers() {
        #expect {
            try DecisionTables.named("nope")
        } throws: { error in
            (error as? SSVCError)?.message.contains("cisa-coordinator") == true
        }
    }
}
