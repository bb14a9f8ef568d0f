public import Foundation

/// A day's EPSS scores as FIRST publishes them (`epss_scores-YYYY-MM-DD.csv`): a
/// `#model_version:…,score_date:…` line, the header `cve,epss,percentile`, then one CVE per line with the
/// probability of exploitation in the next 30 days and its percentile among all scored CVEs.
public struct EPSSSnapshot: Sendable, Hashable {
    /// One CVE's score.
    public struct Score: Sendable, Hashable {
        public let cveID: String
        /// The probability, 0 to 1, that the CVE is exploited in the next 30 days.
        public let probability: Double
        /// The share of scored CVEs with a lower or equal probability, 0 to 1.
        public let percentile: Double

        public init(cveID: String, probability: Double, percentile: Double) {
            self.cveID = cveID
            self.probability = probability
            self.percentile = percentile
        }
    }

    public let modelVersion: String
    /// The score date as the file writes it (an ISO 8601 timestamp).
    public let scoreDateText: String
    public let scoreDate: Date
    public let scores: [Score]

    public init(modelVersion: String, scoreDateText: String, scoreDate: Date, scores: [Score]) {
        self.modelVersion = modelVersion
        self.scoreDateText = scoreDateText
        self.scoreDate = scoreDate
        self.scores = scores
    }

    /// Reads a snapshot, checking every line.
    ///
    /// - Throws: `FeedError` listing every problem with its line: a missing or malformed metadata line or header,
    ///   a line without three fields, a CVE id that is not one, a score outside 0…1, a CVE scored twice.
    public static func read(_ data: Data) throws(FeedError) -> EPSSSnapshot {
        var problems: [FeedError.Problem] = []
        var scores: [Score] = []
        scores.reserveCapacity(data.count / 32)
        var seen: [Substring: Int] = [:]
        var metadata: (model: String, dateText: String, date: Date)?
        var sawHeader = false
        var lineNumber = 0
        guard let text = String(data: data, encoding: .utf8) else {
            throw FeedError(line: nil, "The file is not UTF-8 text.")
        }
        // "\r\n" is one Character in Swift, so lines split on either ending.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            if line.isEmpty { continue }
            if metadata == nil {
                metadata = try Self.metadata(line, lineNumber: lineNumber)
                continue
            }
            if !sawHeader {
                guard line.lowercased() == "cve,epss,percentile" else {
                    throw FeedError(line: lineNumber, "The header must be `cve,epss,percentile`, not `\(line)`.")
                }
                sawHeader = true
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                problems.append(
                    .init(line: lineNumber, "Expected `cve,epss,percentile`, found \(fields.count) fields."))
                continue
            }
            let before = problems.count
            let cve = fields[0]
            if !CVEIdentifier.isValid(cve) {
                problems.append(.init(line: lineNumber, "`\(cve)` is not a CVE id (`CVE-YYYY-NNNN`)."))
            } else if let first = seen[cve] {
                problems.append(.init(line: lineNumber, "\(cve) is scored twice (first on line \(first))."))
            }
            let probability = Self.unitInterval(fields[1])
            let percentile = Self.unitInterval(fields[2])
            if probability == nil {
                problems.append(.init(line: lineNumber, "The EPSS score `\(fields[1])` is not a number from 0 to 1."))
            }
            if percentile == nil {
                problems.append(.init(line: lineNumber, "The percentile `\(fields[2])` is not a number from 0 to 1."))
            }
            guard problems.count == before, let probability, let percentile else { continue }
            seen[cve] = lineNumber
            scores.append(Score(cveID: String(cve), probability: probability, percentile: percentile))
        }
        guard let metadata else {
            throw FeedError(line: nil, "The file is empty; it must begin with `#model_version:…,score_date:…`.")
        }
        guard sawHeader else { throw FeedError(line: nil, "The header `cve,epss,percentile` is missing.") }
        guard problems.isEmpty else { throw FeedError(problems) }
        return EPSSSnapshot(
            modelVersion: metadata.model, scoreDateText: metadata.dateText, scoreDate: metadata.date, scores: scores)
    }

    /// `#model_version:v2025.03.14,score_date:2025-03-14T12:55:00Z`, in either order.
    private static func metadata(_ line: Substring, lineNumber: Int) throws(FeedError) -> (String, String, Date) {
        let expected = "The file must begin with `#model_version:…,score_date:…`"
        guard line.hasPrefix("#") else { throw FeedError(line: lineNumber, "\(expected), not `\(line.prefix(60))`.") }
        var fields: [Substring: Substring] = [:]
        for pair in line.dropFirst().split(separator: ",") {
            guard let colon = pair.firstIndex(of: ":") else { continue }
            fields[pair[..<colon]] = pair[pair.index(after: colon)...]
        }
        guard let model = fields["model_version"], !model.isEmpty, let dateText = fields["score_date"] else {
            throw FeedError(line: lineNumber, "\(expected); this line lacks one of them.")
        }
        guard let date = FeedTimestamp.parse(dateText) else {
            throw FeedError(line: lineNumber, "`score_date` `\(dateText)` is not an ISO 8601 date or timestamp.")
        }
        return (String(model), String(dateText), date)
    }

    private static func unitInterval(_ text: Substring) -> Double? {
        guard let value = Double(text), value >= 0, value <= 1 else { return nil }
        return value
    }
}
