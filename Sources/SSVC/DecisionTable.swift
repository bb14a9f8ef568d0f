public import Foundation

/// An SSVC decision table as CERT/CC publishes it (schema 2.0.0): its decision points with their values, the
/// outcome decision point, and one row per combination of input values.
///
/// Tables are data, read from the published JSON, never written as code.
public struct DecisionTable: Sendable, Hashable, Decodable {
    public struct DecisionPoint: Sendable, Hashable, Decodable {
        public struct Value: Sendable, Hashable, Decodable {
            public let key: String
            public let name: String
            public let definition: String?
        }

        public let namespace: String
        public let key: String
        public let version: String
        public let name: String
        public let values: [Value]

        /// `namespace:key:version`, as tables refer to it.
        public var id: String { "\(namespace):\(key):\(version)" }

        /// The value a party named by its key or its name, in any letter case.
        func value(named text: String) -> Value? {
            let lowered = text.lowercased()
            return values.first { $0.key.lowercased() == lowered || $0.name.lowercased() == lowered }
        }
    }

    public let namespace: String
    public let key: String
    public let version: String
    public let name: String
    /// The id of the outcome decision point.
    public let outcome: String
    public let decisionPoints: [String: DecisionPoint]
    /// Each row: decision point id → value key, the outcome's included.
    public let mapping: [[String: String]]
    /// The decision point ids in the order the published rows list them (JSON objects keep no order once decoded).
    public internal(set) var columns: [String] = []

    enum CodingKeys: String, CodingKey {
        case namespace, key, version, name, outcome, mapping
        case decisionPoints = "decision_points"
    }

    /// `namespace:key:version`, as decisions record which table gave them.
    public var id: String { "\(namespace):\(key):\(version)" }

    /// The input decision points, in the order the published rows list them.
    public var inputs: [DecisionPoint] {
        decisionPoints.values.filter { $0.id != outcome }
            .sorted { (columns.firstIndex(of: $0.id) ?? .max, $0.id) < (columns.firstIndex(of: $1.id) ?? .max, $1.id) }
    }

    /// Reads a published table, with its columns in the order of its first row.
    ///
    /// - Throws: `SSVCError` when the JSON is not a decision table.
    public static func read(_ data: Data) throws(SSVCError) -> DecisionTable {
        var table: DecisionTable
        do {
            table = try JSONDecoder().decode(DecisionTable.self, from: data)
        } catch {
            throw SSVCError("The document is not an SSVC decision table: \(error).")
        }
        table.columns = firstRowKeys(String(decoding: data, as: UTF8.self))
        return table
    }

    /// The member names of the first object of `mapping`, in the text's order.
    private static func firstRowKeys(_ text: String) -> [String] {
        guard let mapping = text.range(of: "\"mapping\""),
            let open = text[mapping.upperBound...].firstIndex(of: "{"),
            let close = text[open...].firstIndex(of: "}")
        else { return [] }
        var keys: [String] = []
        var rest = text[text.index(after: open)..<close]
        while let start = rest.firstIndex(of: "\"") {
            let afterStart = rest.index(after: start)
            guard let end = rest[afterStart...].firstIndex(of: "\"") else { break }
            keys.append(String(rest[afterStart..<end]))
            // Skip the value: past the colon and its quoted string.
            let afterKey = rest.index(after: end)
            guard let valueStart = rest[afterKey...].firstIndex(of: "\""),
                let valueEnd = rest[rest.index(after: valueStart)...].firstIndex(of: "\"")
            else { break }
            rest = rest[rest.index(after: valueEnd)...]
        }
        return keys
    }

    /// The outcome decision point.
    public var outcomePoint: DecisionPoint? { decisionPoints[outcome] }

    /// The outcome for a party's inputs.
    ///
    /// - Parameter given: Each input decision point by its key or name (`E`, `Exploitation`), with a value by its
    ///   key or name (`A`, `Active`), in any letter case.
    /// - Returns: The outcome value, and the inputs as the table names them.
    /// - Throws: `SSVCError` for an unknown decision point or value (listing the accepted ones), a missing input, or
    ///   an input given twice.
    public func decide(_ given: [(String, String)]) throws(SSVCError) -> Decision {
        let inputs = self.inputs
        var chosen: [String: DecisionPoint.Value] = [:]
        for (pointText, valueText) in given {
            let lowered = pointText.lowercased()
            guard
                let point = inputs.first(where: {
                    $0.key.lowercased() == lowered || $0.name.lowercased() == lowered || $0.id.lowercased() == lowered
                })
            else {
                let accepted = inputs.map { "`\($0.key)` (\($0.name))" }.joined(separator: ", ")
                throw SSVCError("`\(pointText)` is not an input of \(name); it takes \(accepted).")
            }
            guard chosen[point.id] == nil else { throw SSVCError("`\(point.key)` is given more than once.") }
            guard let value = point.value(named: valueText) else {
                let accepted = point.values.map { "`\($0.key)` (\($0.name))" }.joined(separator: ", ")
                throw SSVCError("`\(point.key)` (\(point.name)) cannot be `\(valueText)`; it is one of \(accepted).")
            }
            chosen[point.id] = value
        }
        if let missing = inputs.first(where: { chosen[$0.id] == nil }) {
            let accepted = missing.values.map(\.key).joined(separator: ", ")
            throw SSVCError("`\(missing.key)` (\(missing.name)) is missing: give one of \(accepted).")
        }
        guard
            let row = mapping.first(where: { row in inputs.allSatisfy { row[$0.id] == chosen[$0.id]?.key } }),
            let outcomeKey = row[outcome],
            let outcomeValue = outcomePoint?.values.first(where: { $0.key == outcomeKey })
        else {
            throw SSVCError("\(name) has no row for these inputs.")
        }
        return Decision(
            table: self, inputs: inputs.compactMap { point in chosen[point.id].map { (point, $0) } },
            outcome: outcomeValue)
    }
}

/// A decision: the table, the inputs as the table names them, and the outcome.
public struct Decision: Sendable {
    public let table: DecisionTable
    public let inputs: [(point: DecisionTable.DecisionPoint, value: DecisionTable.DecisionPoint.Value)]
    public let outcome: DecisionTable.DecisionPoint.Value
}
