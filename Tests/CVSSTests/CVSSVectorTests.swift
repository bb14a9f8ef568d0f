import CVSS
import Foundation
import Testing

/// Every vector of Red Hat's cvss test lists (CVSS 2, 3.0, 3.1 and 4.0) scores exactly as listed; bad vectors name
/// the metric at fault.
@Suite struct CVSSVectorTests {
    static let resources = Bundle.module.bundleURL.appendingPathComponent("Resources")

    /// The lines of a list: `VECTOR - (base, temporal, environmental)` or `VECTOR - score`.
    static func cases(_ file: String) throws -> [(vector: String, scores: [Double])] {
        let text = try String(contentsOf: resources.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let parts = line.components(separatedBy: " - ")
            guard parts.count == 2 else { return nil }
            let numbers = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "() "))
                .split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            return (parts[0], numbers)
        }
    }

    /// CVSS 2 lists give the temporal and environmental scores only when the vector has such metrics (`None`
    /// otherwise), so as many scores are compared as the line lists.
    @Test(arguments: ["vectors_simple2.txt", "vectors_calculator2.txt", "vectors_cvsslib2.txt"])
    func cvss2VectorsScoreAsListed(file: String) throws {
        let cases = try Self.cases(file)
        #expect(!cases.isEmpty)
        var mismatches: [String] = []
        for (text, expected) in cases {
            let vector = try CVSSVector(text)
            #expect(vector.version == .v2_0)
            let scores = vector.scores
            let got = Array([scores.base, scores.temporalOrThreat, scores.environmental].prefix(expected.count))
            if got != expected { mismatches.append("\(text): \(got) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count): \(mismatches.prefix(5))")
        print("CVSS \(file): \(cases.count - mismatches.count) of \(cases.count) vectors score as listed")
    }

    @Test func cvss2ValuesThatShareAFirstLetterStayApart() throws {
        let vector = try CVSSVector("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:U/RC:UR/CDP:LM/TD:ND/CR:L/IR:ND/AR:H")
        #expect(vector["RC"] == "UR")
        #expect(vector["CDP"] == "LM")
        #expect(vector["TD"] == "ND")
        #expect(vector["E"] == "ND")
        #expect(vector.metrics.count == 14)
        #expect(vector.scores.base == 7.5)
        #expect(vector.scores.severity == .high)
        #expect(try CVSSVector("AV:N/AC:L/Au:N/C:C/I:C/A:C").scores.severity == .high)
        let error = #expect(throws: CVSSError.self) { try CVSSVector("AV:N/AC:L/Au:N/C:P/I:P/A:P/RC:X") }
        #expect(error?.metric == "RC")
        let missing = #expect(throws: CVSSError.self) { try CVSSVector("AV:N/AC:L/C:P/I:P/A:P") }
        #expect(missing?.metric == "Au")
    }

    @Test(arguments: [
        "vectors_simple3.txt", "vectors_simple31.txt", "vectors_calculator3.txt", "vectors_cvsslib3.txt",
    ])
    func cvss3VectorsScoreAsListed(file: String) throws {
        let cases = try Self.cases(file)
        #expect(!cases.isEmpty)
        var mismatches: [String] = []
        for (text, expected) in cases {
            let scores = try CVSSVector(text).scores
            let got = [scores.base, scores.temporalOrThreat, scores.environmental]
            if got != expected { mismatches.append("\(text): \(got) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count): \(mismatches.prefix(5))")
        print("CVSS \(file): \(cases.count - mismatches.count) of \(cases.count) vectors score as listed")
    }

    @Test(arguments: [
        "vectors_simple4.txt", "vectors_threat4.txt", "vectors_security4.txt", "vectors_supplemental4.txt",
    ])
    func cvss4VectorsScoreAsListed(file: String) throws {
        let cases = try Self.cases(file)
        #expect(!cases.isEmpty)
        var mismatches: [String] = []
        for (text, expected) in cases {
            let scores = try CVSSVector(text).scores
            if [scores.environmental] != expected {
                mismatches.append("\(text): \(scores.environmental) ≠ \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count): \(mismatches.prefix(5))")
        print("CVSS \(file): \(cases.count - mismatches.count) of \(cases.count) vectors score as listed")
    }

    @Test func scoresSplitIntoBaseThreatAndEnvironmental() throws {
        let scores = try CVSSVector(
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/IR:L/AR:L"
        )
        .scores
        #expect(scores.base == 9.3)
        #expect(scores.temporalOrThreat < scores.base)
        #expect(scores.environmental <= scores.temporalOrThreat)
        #expect(CVSSScores.Severity(9.3) == .critical && CVSSScores.Severity(0) == .none)
        #expect(CVSSScores.Severity(3.9) == .low && CVSSScores.Severity(4.0) == .medium)
        #expect(CVSSScores.Severity(7.0) == .high)
    }

    @Test(arguments: [
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "PR" as String?, "`PR` is not a CVSS 2.0 metric"),
        ("N/AC:L/Au:N/C:P/I:P/A:P", nil, "starts with"),
        ("CVSS:2.0/AV:N", nil, "version `2.0`"),
        ("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV", "`AV` cannot be `Q`"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "A", "`A` is missing"),
        ("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV", "more than once"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", "AT", "not a CVSS 3.1 metric"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "SA", "`SA` is missing"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S", "MSC", "`MSC` cannot be `S`"),
        ("CVSS:3.1/AV:N/AC", nil, "not a `METRIC:VALUE` part"),
    ])
    func badVectorsNameTheMetric(text: String, metric: String?, mention: String) {
        #expect {
            try CVSSVector(text)
        } throws: { error in
            guard let error = error as? CVSSError else { return false }
            return error.metric == metric && error.message.contains(mention)
        }
    }
}
