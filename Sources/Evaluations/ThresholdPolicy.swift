public import Foundation
public import JSONSupport

/// A versioned, machine-readable threshold policy: from its effective date, per benchmark suite, the metric, k and
/// N, the interval method and level, and the threshold a model's result is judged against. A policy is
/// pre-registered (its canonical text's hash committed to the transparency log) before any result is judged by it,
/// and never edited afterwards: a change is a new version.
///
/// ```json
/// {"name": "cyber-capability", "version": 2, "effective_from": "2027-01-01",
///  "suites": [{"suite": "ctf-pro", "metric": "solve_rate", "k": 1, "n": 1, "interval": "wilson",
///              "level": 0.95, "threshold": 0.4},
///             {"suite": "exploit-dev", "metric": "pass_at_k", "k": 5, "n": 10, "interval": "normal",
///              "level": 0.95, "threshold": 0.25, "scorer": "includes"}]}
/// ```
public struct ThresholdPolicy: Sendable, Hashable {
    public let name: String
    public let version: Int
    /// The first day (UTC) results are judged by this version, and the last, when it is set.
    public let effectiveFrom: String
    public let effectiveUntil: String?
    public let suites: [SuiteRule]

    /// How one suite's results are judged.
    public struct SuiteRule: Sendable, Hashable {
        public let suite: String
        public let metric: Metric
        /// pass@k's k (1 for a solve rate).
        public let k: Int
        /// The attempts each task must have had (epochs); a task with fewer is not judged.
        public let n: Int
        public let interval: IntervalMethod
        public let level: Double
        public let threshold: Double
        /// The log's scorer to read; its first scorer when not set.
        public let scorer: String?

        /// A rule as given; ``ThresholdPolicy/read(_:)`` checks the ranges of the rules it reads.
        public init(
            suite: String, metric: Metric, k: Int, n: Int, interval: IntervalMethod, level: Double, threshold: Double,
            scorer: String?
        ) {
            (self.suite, self.metric, self.k, self.n, self.interval) = (suite, metric, k, n, interval)
            (self.level, self.threshold, self.scorer) = (level, threshold, scorer)
        }
    }

    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// The share of attempts solved, over every attempt at every task.
        case solveRate = "solve_rate"
        /// The mean over tasks of each task's unbiased pass@k estimate from its `n` or more attempts.
        case passAtK = "pass_at_k"
    }

    public enum IntervalMethod: String, Sendable, Hashable, CaseIterable {
        case wilson
        case clopperPearson = "clopper_pearson"
        /// The mean ± z · standard error over tasks: the only interval of a pass@k mean.
        case normal
    }

    /// The most suites one policy holds.
    public static let maximumSuites = 100

    /// Reads a policy, strictly: every member known, every value in its range.
    ///
    /// - Throws: ``EvaluationError`` naming the member at fault.
    public static func read(_ data: Data) throws(EvaluationError) -> ThresholdPolicy {
        guard data.count <= 1 << 20 else { throw EvaluationError("A policy is at most 1 MiB.") }
        if let problem = JSONNesting.problem(in: data, maximumDepth: 10) {
            throw EvaluationError("The policy is not readable: \(problem)")
        }
        let file: PolicyFile
        do {
            file = try JSONDecoder().decode(PolicyFile.self, from: data)
        } catch let error as DecodingError {
            throw EvaluationError("The policy is not valid: \(error.fieldDescription)")
        } catch let error as EvaluationError {
            throw error
        } catch {
            throw EvaluationError("The policy is not JSON.")
        }
        return try file.policy()
    }

    /// The policy as a JSON object, whose canonical text is what pre-registration hashes.
    public var json: JSONTree {
        var members: [String: JSONTree] = [
            "name": .string(name), "version": .integer(Int64(version)), "effective_from": .string(effectiveFrom),
            "suites": .array(
                suites.map { rule in
                    var members: [String: JSONTree] = [
                        "suite": .string(rule.suite), "metric": .string(rule.metric.rawValue),
                        "k": .integer(Int64(rule.k)), "n": .integer(Int64(rule.n)),
                        "interval": .string(rule.interval.rawValue), "level": .number(String(rule.level)),
                        "threshold": .number(String(rule.threshold)),
                    ]
                    if let scorer = rule.scorer { members["scorer"] = .string(scorer) }
                    return .object(members)
                }),
        ]
        if let effectiveUntil { members["effective_until"] = .string(effectiveUntil) }
        return .object(members)
    }

    /// Whether a policy or suite name is acceptable: 1 to 100 ASCII letters, digits, `.`, `_` or `-`.
    public static func isName(_ text: String) -> Bool {
        (1...100).contains(text.utf8.count)
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-".unicodeScalars.contains($0))
            }
    }

    /// Whether results are judged by this version on a day (`YYYY-MM-DD`, UTC).
    public func isEffective(on day: String) -> Bool {
        day >= effectiveFrom && effectiveUntil.map { day <= $0 } != false
    }

    /// The rule of a suite, when the policy judges it.
    public func rule(for suite: String) -> SuiteRule? {
        suites.first { $0.suite == suite }
    }
}

extension ThresholdPolicy {
    private struct PolicyFile: Decodable {
        let name: String
        let version: Int
        let effectiveFrom: String
        let effectiveUntil: String?
        let suites: [RuleFile]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, version, suites
            case effectiveFrom = "effective_from"
            case effectiveUntil = "effective_until"
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            version = try container.decode(Int.self, forKey: .version)
            effectiveFrom = try container.decode(String.self, forKey: .effectiveFrom)
            effectiveUntil = try container.decodeIfPresent(String.self, forKey: .effectiveUntil)
            suites = try container.decode([RuleFile].self, forKey: .suites)
        }

        func policy() throws(EvaluationError) -> ThresholdPolicy {
            guard ThresholdPolicy.isName(name) else {
                throw EvaluationError("`name` is 1 to 100 letters, digits, `.`, `_` or `-`.")
            }
            guard version >= 1 else { throw EvaluationError("`version` is 1 or more.") }
            guard Day.isValid(effectiveFrom) else { throw EvaluationError("`effective_from` is a date, YYYY-MM-DD.") }
            if let effectiveUntil {
                guard Day.isValid(effectiveUntil), effectiveUntil >= effectiveFrom else {
                    throw EvaluationError("`effective_until` is a date, YYYY-MM-DD, not before `effective_from`.")
                }
            }
            guard (1...ThresholdPolicy.maximumSuites).contains(suites.count) else {
                throw EvaluationError("`suites` holds 1 to \(ThresholdPolicy.maximumSuites) rules.")
            }
            var rules: [SuiteRule] = []
            for (index, file) in suites.enumerated() {
                let rule = try file.rule(at: index)
                guard !rules.contains(where: { $0.suite == rule.suite }) else {
                    throw EvaluationError("`suites[\(index)]`: \(rule.suite) has a rule already.")
                }
                rules.append(rule)
            }
            return ThresholdPolicy(
                name: name, version: version, effectiveFrom: effectiveFrom, effectiveUntil: effectiveUntil,
                suites: rules)
        }
    }

    private struct RuleFile: Decodable {
        let suite: String
        let metric: String
        let k: Int
        let n: Int
        let interval: String
        let level: Double
        let threshold: Double
        let scorer: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case suite, metric, k, n, interval, level, threshold, scorer
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            suite = try container.decode(String.self, forKey: .suite)
            metric = try container.decode(String.self, forKey: .metric)
            k = try container.decode(Int.self, forKey: .k)
            n = try container.decode(Int.self, forKey: .n)
            interval = try container.decode(String.self, forKey: .interval)
            level = try container.decode(Double.self, forKey: .level)
            threshold = try container.decode(Double.self, forKey: .threshold)
            scorer = try container.decodeIfPresent(String.self, forKey: .scorer)
        }

        func rule(at index: Int) throws(EvaluationError) -> SuiteRule {
            let at = "`suites[\(index)]`"
            guard ThresholdPolicy.isName(suite) else {
                throw EvaluationError("\(at).suite is 1 to 100 letters, digits, `.`, `_` or `-`.")
            }
            guard let metric = Metric(rawValue: metric) else {
                throw EvaluationError(
                    "\(at).metric is one of \(Metric.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard let interval = IntervalMethod(rawValue: interval) else {
                let names = IntervalMethod.allCases.map(\.rawValue).joined(separator: ", ")
                throw EvaluationError("\(at).interval is one of \(names).")
            }
            guard (1...10_000).contains(n), (1...n).contains(k) else {
                throw EvaluationError("\(at): `k` is at least 1 and at most `n`, and `n` at most 10000.")
            }
            guard metric == .passAtK || k == 1 else { throw EvaluationError("\(at): a solve rate has `k` 1.") }
            guard (metric == .passAtK) == (interval == .normal) else {
                throw EvaluationError(
                    "\(at): pass@k takes the `normal` interval, and a solve rate `wilson` or `clopper_pearson`.")
            }
            guard level > 0, level < 1 else { throw EvaluationError("\(at).level is between 0 and 1, such as 0.95.") }
            guard threshold > 0, threshold <= 1 else {
                throw EvaluationError("\(at).threshold is above 0 and at most 1.")
            }
            if let scorer, !(1...200).contains(scorer.utf8.count) {
                throw EvaluationError("\(at).scorer is 1 to 200 bytes.")
            }
            return SuiteRule(
                suite: suite, metric: metric, k: k, n: n, interval: interval, level: level, threshold: threshold,
                scorer: scorer)
        }
    }
}
