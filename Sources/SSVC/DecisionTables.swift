import Foundation

/// The decision tables this build carries: CISA's coordinator tree 2.0.3 and CERT/CC's SSVC tables (deployer,
/// supplier, coordinator triage and publication, and the impact and utility tables they use), read from the JSON
/// CERT/CC publishes (MIT-style licence, Carnegie Mellon University; `LICENSE-ssvc` beside them).
public enum DecisionTables {
    /// Every table by a short name (`cisa-coordinator`, `deployer` …).
    public static let all: [String: DecisionTable] = {
        let sources: [(String, [UInt8])] = [
            ("cisa-coordinator", PackageResources.cisa_coordinator_2_0_3_json),
            ("deployer", PackageResources.deployer_patch_application_priority_1_0_0_json),
            ("supplier", PackageResources.supplier_patch_development_priority_1_0_0_json),
            ("coordinator-triage", PackageResources.coordinator_triage_1_0_0_json),
            ("coordinator-publish", PackageResources.coordinator_publish_decision_table_1_0_0_json),
            ("human-impact", PackageResources.human_impact_1_0_0_json),
            ("public-safety-impact", PackageResources.public_safety_impact_1_0_0_json),
            ("utility", PackageResources.utility_1_0_0_json),
        ]
        var tables: [String: DecisionTable] = [:]
        for (name, bytes) in sources {
            tables[name] = try? DecisionTable.read(Data(bytes))
        }
        return tables
    }()

    /// The short name of a table this build carries.
    public static func shortName(of table: DecisionTable) -> String? {
        all.first { $0.value.id == table.id }?.key
    }

    /// A table by its short name, or by `namespace:key:version`.
    ///
    /// - Throws: `SSVCError` listing the tables there are.
    public static func named(_ name: String) throws(SSVCError) -> DecisionTable {
        if let table = all[name.lowercased()] { return table }
        if let table = all.values.first(where: { $0.id == name }) { return table }
        throw SSVCError("No decision table `\(name)`; there are \(all.keys.sorted().joined(separator: ", ")).")
    }
}
