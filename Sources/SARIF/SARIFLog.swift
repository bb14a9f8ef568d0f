public import JSONSupport

/// A SARIF 2.1.0 log read into what a finding needs: per run, the tool and its results, each with its rule, message,
/// locations, fingerprints, CWE weaknesses, code flows, stacks and property bag.
public struct SARIFLog: Sendable, Hashable {
    public let runs: [Run]
    /// Whether `runs` is `null`, which says the tool failed before it could start a run (SARIF §3.13.4); an empty
    /// `runs` array says it performed none.
    public let toolFailedToStart: Bool

    /// The results of every run, in order.
    public var results: [Result] { runs.flatMap(\.results) }

    public struct Run: Sendable, Hashable {
        public let tool: Tool
        public let results: [Result]
    }

    public struct Tool: Sendable, Hashable {
        public let name: String
        /// The driver's `semanticVersion`, else its `version`.
        public let version: String?
    }

    public struct Result: Sendable, Hashable {
        /// The rule's id: `ruleId`, `rule.id`, or the id of the driver's rule at `ruleIndex`.
        public let ruleID: String?
        /// `error`, `warning`, `note` or `none`: the result's own, else its rule's default, else `warning`.
        public let level: String
        /// The message's text: its own, or the rule's message string it names, with `{0}`-style arguments filled in.
        public let message: String
        public let locations: [Location]
        public let fingerprints: [String: String]
        public let partialFingerprints: [String: String]
        /// CWE identifiers (`CWE-79`) from the result's taxa, its rule's relationships and the rule's `tags`.
        public let weaknesses: [String]
        /// Each code flow's locations in order (a flow's thread flows one after the other).
        public let codeFlows: [[Location]]
        /// Each stack's frames, innermost first, as the log lists them.
        public let stacks: [[Location]]
        public let properties: [String: JSONTree]
    }

    public struct Location: Sendable, Hashable {
        public let uri: String?
        public let uriBaseID: String?
        public let startLine: Int?
        public let startColumn: Int?
        public let endLine: Int?
        public let endColumn: Int?
        /// The first logical location's fully qualified name (else its name): the function or method.
        public let logicalName: String?
    }
}
