/// Why a feed file cannot be imported: every problem found, each with the line it is on, so that the sender can fix
/// the file in one pass. A file with any problem is imported not at all.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem, on a line of the file when it has one (1-based).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let line: Int?
        public let message: String

        public init(line: Int?, _ message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    /// The problems in file order; at most ``limit`` of them, with a last one saying how many more there were.
    public let problems: [Problem]
    /// How many problems were found, including those left out of ``problems``.
    public let total: Int

    /// How many problems one error lists before it summarizes the rest.
    public static let limit = 50

    public init(_ problems: [Problem]) {
        total = problems.count
        if problems.count > Self.limit {
            self.problems =
                Array(problems.prefix(Self.limit)) + [Problem(line: nil, "… and \(problems.count - Self.limit) more.")]
        } else {
            self.problems = problems
        }
    }

    public init(line: Int?, _ message: String) {
        self.init([Problem(line: line, message)])
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
