public import JSONSupport

/// How an evaluation's results were elicited, so that a reader can judge (and a second evaluator repeat) them: the
/// scaffold (the solvers, in order), the tools offered, the limits, the epochs and how they were reduced, the most
/// attempts a solver allowed, the package versions and the evaluation code's git revision.
public struct Elicitation: Sendable, Hashable {
    public var scaffold: [String] = []
    public var tools: [String] = []
    /// Limits by Inspect's names: `message_limit`, `token_limit`, `time_limit` and `working_limit` (seconds),
    /// `cost_limit`.
    public var limits: [String: Double] = [:]
    public var epochs: Int?
    public var reducers: [String] = []
    public var attempts: Int?
    public var packages: [String: String] = [:]
    public var revision: Revision?

    /// The evaluation code's revision: its git commit, where it came from, and whether it had uncommitted changes.
    public struct Revision: Sendable, Hashable, Decodable {
        public var commit: String
        public var origin: String?
        public var dirty: Bool?

        public init(commit: String, origin: String? = nil, dirty: Bool? = nil) {
            self.commit = commit
            self.origin = origin
            self.dirty = dirty
        }
    }

    public init() {}

    /// The limits Inspect records, by the names it gives them.
    static let limitNames = ["message_limit", "token_limit", "time_limit", "working_limit", "cost_limit"]

    /// The record as a JSON object: every field, empty or `null` when the log did not say.
    public var json: JSONTree {
        .object([
            "scaffold": .array(scaffold.map(JSONTree.string)),
            "tools": .array(tools.map(JSONTree.string)),
            "limits": .object(limits.mapValues { .number(Self.text($0)) }),
            "epochs": epochs.map { .integer(Int64($0)) } ?? .null,
            "reducers": .array(reducers.map(JSONTree.string)),
            "attempts": attempts.map { .integer(Int64($0)) } ?? .null,
            "packages": .object(packages.mapValues(JSONTree.string)),
            "revision": revision.map { revision in
                .object([
                    "commit": .string(revision.commit), "origin": revision.origin.map(JSONTree.string) ?? .null,
                    "dirty": revision.dirty.map(JSONTree.bool) ?? .null,
                ])
            } ?? .null,
        ])
    }

    /// A limit as JSON writes it: whole numbers without a fraction.
    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
