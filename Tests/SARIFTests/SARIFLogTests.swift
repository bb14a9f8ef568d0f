import ClearinghouseTestSupport
import Foundation
import SARIF
import Testing

/// The SARIF tutorials' sample logs read into their results; bad logs say which field is wrong.
@Suite struct SARIFLogTests {
    static let samples = Bundle.module.bundleURL.appendingPathComponent("Resources/samples")

    static func log(_ path: String) throws -> SARIFLog {
        try SARIFLog.read(Data(contentsOf: samples.appendingPathComponent(path)))
    }

    /// Every sample with its number of runs and results, counted from the files by a separate reading.
    static let expected: [(String, Int, Int)] = [
        ("1-Introduction/simple-example.sarif", 1, 1), ("2-Basics/empty-log.sarif.json", 1, 0),
        ("3-Beyond-basics/automation-details.sarif", 1, 0),
        ("3-Beyond-basics/bad-eval-related-locations.sarif", 1, 1),
        ("3-Beyond-basics/bad-eval-with-code-flow.sarif", 1, 1), ("3-Beyond-basics/bad-eval.sarif", 1, 1),
        ("3-Beyond-basics/link-to-location.sarif", 1, 1), ("3-Beyond-basics/message-from-metadata.sarif", 1, 1),
        ("3-Beyond-basics/message-with-arguments.sarif", 1, 1), ("3-Beyond-basics/standard-taxonomy.sarif", 1, 1),
        ("Baseline.sarif", 1, 4), ("CodeFlows.sarif", 1, 1), ("ContextRegion.sarif", 1, 1),
        ("DefaultRuleConfiguration.sarif", 1, 2), ("EmbeddedBinaryContent.sarif", 1, 1),
        ("EmbeddedTextContent.sarif", 1, 2), ("ExceptionalConditions/Catastrophic configuration error.sarif", 1, 0),
        ("ExceptionalConditions/Catastrophic execution error.sarif", 1, 0),
        ("ExceptionalConditions/Empty runs.sarif", 0, 0),
        ("ExceptionalConditions/No runs.sarif", 0, 0), ("ExceptionalConditions/One run empty results.sarif", 1, 0),
        ("ExceptionalConditions/One run no results.sarif", 1, 0),
        ("ExceptionalConditions/One run with results.sarif", 1, 1), ("Notifications.sarif", 1, 0),
        ("OriginalUriBaseIds.sarif", 1, 3), ("RegionVariants.sarif", 1, 18), ("ResultStacks.sarif", 1, 1),
        ("RuleMetadata.sarif", 1, 1), ("Suppressions.sarif", 1, 9), ("Taxonomies.sarif", 1, 2),
        ("_template.sarif", 1, 1),
    ]

    @Test(arguments: expected)
    func readsEverySample(path: String, runs: Int, results: Int) throws {
        let log = try Self.log(path)
        #expect(log.runs.count == runs)
        #expect(log.results.count == results)
        #expect(log.results.allSatisfy { ["error", "warning", "note", "none"].contains($0.level) })
    }

    @Test func everySampleIsCovered() throws {
        let files = FileManager.default.enumerator(atPath: Self.samples.path)!.compactMap { $0 as? String }
            .filter { $0.contains(".sarif") }
        #expect(Set(files) == Set(Self.expected.map(\.0)))
        #expect(files.count == 31)
    }

    @Test func resultParts() throws {
        let taxonomy = try Self.log("3-Beyond-basics/standard-taxonomy.sarif").results[0]
        #expect(taxonomy.ruleID == "CA2101")
        #expect(taxonomy.weaknesses == ["CWE-401"])

        let flows = try Self.log("CodeFlows.sarif").results[0]
        #expect(flows.codeFlows.map(\.count) == [3, 3])

        let stack = try Self.log("ResultStacks.sarif").results[0]
        #expect(stack.stacks.map(\.count) == [3])
        #expect(stack.locations.first?.uri == "collections/list.h")
        #expect(stack.locations.first?.uriBaseID == "SRCROOT")
        #expect(stack.locations.first?.startLine == 15)
        #expect(stack.locations.first?.logicalName == "collections::list::add")
        #expect(stack.stacks[0].first?.startColumn == 15)

        #expect(
            try Self.log("3-Beyond-basics/message-with-arguments.sarif").results[0].message
                == "Variable 'x' was used without being initialized.")
        #expect(
            try Self.log("3-Beyond-basics/message-from-metadata.sarif").results[0].message
                == "This is the message text. It might be very long.")
        #expect(try Self.log("DefaultRuleConfiguration.sarif").results.map(\.level) == ["error", "warning"])
        let tool = try Self.log("ResultStacks.sarif").runs[0].tool
        #expect(tool.name == "SarifSamples" && tool.version == "1.0")
    }

    @Test func fingerprintsCWETagsAndProperties() throws {
        let log = try SARIFLog.read(
            Data(
                """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "semanticVersion": "2.19.1",
                  "rules": [{"id": "js/xss", "properties": {"tags": ["security", "external/cwe/cwe-079",
                  "external/cwe/cwe-116"]}}]}},
                  "results": [{"ruleId": "js/xss", "ruleIndex": 0, "level": "error", "message": {"text": "XSS"},
                    "fingerprints": {"toolHash/v1": "abc"}, "partialFingerprints": {"primaryLocationLineHash": "39fa2ee980eb94b0:1"},
                    "properties": {"tags": ["CWE-20"], "cost": 0.25}}]}]}
                """.utf8))
        let result = try #require(log.results.first)
        #expect(log.runs[0].tool.version == "2.19.1")
        #expect(result.weaknesses == ["CWE-20", "CWE-79", "CWE-116"])
        #expect(result.fingerprints == ["toolHash/v1": "abc"])
        #expect(result.partialFingerprints["primaryLocationLineHash"] == "39fa2ee980eb94b0:1")
        #expect(result.properties["cost"] == .number("0.25"))
    }

    /// Bad logs: what the error says.
    static let bad: [(String, String)] = [
        ("not json", "The SARIF log is malformed: the JSON text is malformed."),
        ("[]", "A SARIF log is a JSON object."),
        (#"{"runs": []}"#, "A SARIF log has `version`; this document does not."),
        (#"{"version": "2.0.0", "runs": []}"#, "SARIF `version` `2.0.0` is not supported; send SARIF 2.1.0."),
        (#"{"version": "2.1.0", "runs": [{}]}"#, "The SARIF log is malformed: `runs[0].tool` is required."),
        (
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": "x"}]}]}"#,
            "The SARIF log is malformed: `runs[0].results[0].message` must be an object."
        ),
        (
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {}, "#
                + #""locations": [{"physicalLocation": {"region": {"startLine": "7"}}}]}]}]}"#,
            "The SARIF log is malformed: `runs[0].results[0].locations[0].physicalLocation.region.startLine` "
                + "must be an integer."
        ),
    ]

    @Test(arguments: bad)
    func badLogsSayWhatIsWrong(text: String, message: String) {
        #expect(throws: SARIFError(message)) { try SARIFLog.read(Data(text.utf8)) }
    }

    /// Mutated samples either read or fail with a `SARIFError`; nothing crashes.
    @Test func fuzzedSamplesNeverCrash() throws {
        var mutator = InputMutator(seed: 2_026_1122)
        let samples = try Self.expected.map { try Array(Data(contentsOf: Self.samples.appendingPathComponent($0.0))) }
        var read = 0
        for round in 0..<3_000 {
            let mutated = mutator.mutate(samples[round % samples.count])
            if (try? SARIFLog.read(Data(mutated))) != nil { read += 1 }
        }
        #expect(read > 0)
        #expect(read < 3_000)
    }
}

/// Message arguments are substituted in one pass: a small log cannot make a message grow exponentially, and no
/// message is longer than the bound.
@Suite struct SARIFMessageBoundTests {
    static func log(text: String, arguments: [String]) -> Data {
        let encoded = arguments.map { "\"\($0)\"" }.joined(separator: ",")
        return Data(
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"message": {"text": "\#(text)", "arguments": [\#(encoded)]}}]}]}"#
                .utf8)
    }

    @Test func argumentsAreNotReadAgainForPlaceholders() throws {
        // Substituted one after another, each argument would double the text: 2^40 placeholders from a 1 KB log.
        let arguments = (0..<40).map { "{\($0 + 1)}{\($0 + 1)}" } + ["x"]
        let message = try SARIFLog.read(Self.log(text: "{0}", arguments: arguments)).runs[0].results[0].message
        #expect(message == "{1}{1}")
    }

    @Test func placeholdersAndEscapedBraces() throws {
        let message = try SARIFLog.read(
            Self.log(text: "{0} at {1}, {{0}} stays, {7} has no argument, {x} is text, }} and {", arguments: ["a", "b"])
        ).runs[0].results[0].message
        #expect(message == "a at b, {0} stays, {7} has no argument, {x} is text, } and {")
    }

    @Test func messagesAreBounded() throws {
        let big = String(repeating: "é", count: 40_000)
        let message = try SARIFLog.read(Self.log(text: "{0}{0}{0}", arguments: [big])).runs[0].results[0].message
        #expect(message.utf8.count <= SARIFLog.maximumMessageLength)
        #expect(message.hasSuffix("…"))
        #expect(message.hasPrefix("éé"))
    }
}

