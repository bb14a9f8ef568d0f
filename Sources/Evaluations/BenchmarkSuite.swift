/// A benchmark suite as an authority registers it: versioned tasks with what tells how hard and how recent each
/// is. Task content is not here: the process is classified, and the content stays with the authority's
/// participants; everyone else knows a task by its id, category, difficulty, release day and content hash.
public struct BenchmarkSuite: Sendable, Hashable {
    public static let maximumTasks = 10_000

    public struct Task: Sendable, Hashable {
        public let id: String
        /// What the task exercises: `web`, `crypto`, `pwn`, `reverse`, `forensics` …
        public let category: String
        /// How hard it is: the minutes the fastest human team took to first solve it, when known.
        public let firstSolveMinutes: Double?
        /// The day it was published (`YYYY-MM-DD`): a model whose training data runs past it may have seen it.
        public let releasedOn: String
        /// The SHA-256 of its content, so that a result names exactly what was run.
        public let contentSHA256: String
        public let version: Int

        public init(
            id: String, category: String, firstSolveMinutes: Double?, releasedOn: String, contentSHA256: String,
            version: Int
        ) {
            (self.id, self.category, self.firstSolveMinutes) = (id, category, firstSolveMinutes)
            (self.releasedOn, self.contentSHA256, self.version) = (releasedOn, contentSHA256, version)
        }
    }

    public let name: String
    public let version: Int
    public let tasks: [Task]

    /// Checks a suite.
    ///
    /// - Throws: ``EvaluationError`` naming what is wrong: a name that is not one (``ThresholdPolicy/isName(_:)``),
    ///   a version below 1, no tasks or more than 10,000, and for a task by its id: an id or category that is not a
    ///   name, an id used twice, a first-solve time that is not positive, a release day that is not `YYYY-MM-DD`, a
    ///   content hash that is not 64 lowercase hexadecimal digits, a version below 1.
    public init(name: String, version: Int, tasks: [Task]) throws(EvaluationError) {
        guard ThresholdPolicy.isName(name) else {
            throw EvaluationError("A suite's name is 1 to 100 letters, digits, `.`, `_` or `-`.")
        }
        guard version >= 1 else { throw EvaluationError("A suite's version is 1 or more.") }
        guard (1...Self.maximumTasks).contains(tasks.count) else {
            throw EvaluationError("A suite has 1 to \(Self.maximumTasks) tasks; this one has \(tasks.count).")
        }
        var seen = Set<String>()
        for task in tasks {
            guard ThresholdPolicy.isName(task.id), seen.insert(task.id).inserted else {
                throw EvaluationError("Task ids are names, each used once; `\(task.id.prefix(100))` is not.")
            }
            guard ThresholdPolicy.isName(task.category) else {
                throw EvaluationError("Task `\(task.id)`: the category is a name, such as `web` or `crypto`.")
            }
            if let minutes = task.firstSolveMinutes, !(minutes > 0 && minutes.isFinite) {
                throw EvaluationError("Task `\(task.id)`: the first-solve time is a positive number of minutes.")
            }
            guard Day.isValid(task.releasedOn) else {
                throw EvaluationError("Task `\(task.id)`: the release day is a date, YYYY-MM-DD.")
            }
            guard task.contentSHA256.utf8.count == 64,
                task.contentSHA256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
            else {
                throw EvaluationError("Task `\(task.id)`: the content hash is a SHA-256 in 64 lowercase hex digits.")
            }
            guard task.version >= 1 else { throw EvaluationError("Task `\(task.id)`: the version is 1 or more.") }
        }
        (self.name, self.version, self.tasks) = (name, version, tasks)
    }

    /// The tasks published after a model's training cutoff (`YYYY-MM-DD`): ones it cannot have seen in training.
    public func freshTasks(after cutoff: String) -> [Task] {
        tasks.filter { $0.releasedOn > cutoff }
    }

    /// The share of the suite that is fresh for a model with this cutoff. A result on a suite the model may have
    /// seen in training says less about what it can do.
    public func freshness(after cutoff: String) -> Double {
        Double(freshTasks(after: cutoff).count) / Double(tasks.count)
    }

    /// Whether a suite is near its ceiling for a result: the solve rate's lower bound (Wilson, at `level`) reaches
    /// `ceiling`, so the suite can no longer tell a stronger model from this one.
    public static func isSaturated(
        solved: Int, samples: Int, ceiling: Double = 0.9, level: Double = 0.95
    ) throws(EvaluationError) -> Bool {
        try ProportionInterval(solved: solved, samples: samples, level: level, method: .wilson).low >= ceiling
    }
}
