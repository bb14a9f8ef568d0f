import Foundation
import JSONSupport
import OSV
import Testing

/// JSON and YAML documents nesting deeper than the readers accept are refused before any decoder or composer
/// (both recurse) sees them.
@Suite struct NestingBoundTests {
    static func nested(_ depth: Int) -> Data {
        Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
    }

    @Test func jsonNestingIsBoundedAtTheLimit() throws {
        let limit = JSONNesting.maximumDepth
        _ = try JSONTree(json: Self.nested(limit))
        let error = try #require(throws: OSVError.self) { _ = try JSONTree(json: Self.nested(limit + 1)) }
        #expect(error.message.contains("deeper than \(limit) levels"))
        // Far deeper than the limit: refused, not a crash.
        #expect(throws: OSVError.self) { _ = try JSONTree(json: Self.nested(200_000)) }
    }

    @Test func bracketsInsideStringsDoNotCount() throws {
        let text = #"{"summary": "\"[[[["# + String(repeating: "[{", count: 300) + #"", "id": "X"}"#
        #expect(JSONNesting.problem(in: Data(text.utf8)) == nil)
        _ = try JSONTree(json: Data(text.utf8))
    }

    @Test func yamlNestingIsBounded() throws {
        let flow = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: OSVError.self) { _ = try JSONTree(yaml: "id: X\nsummary: " + flow) }
        var block = "id: X\n"
        for level in 0..<400 { block += String(repeating: " ", count: level) + "a:\n" }
        #expect(throws: OSVError.self) { _ = try JSONTree(yaml: block) }
        let compact = "id: X\nlist: " + String(repeating: "- ", count: 400) + "x\n"
        #expect(throws: OSVError.self) { _ = try JSONTree(yaml: compact) }
        // An ordinary record with comments and brackets in text reads.
        let record = "id: X # see [1\nsummary: 'a [b' \nitems:\n  - [1, 2]\n  - {a: b}\n"
        _ = try JSONTree(yaml: record)
    }

    @Test func recordsCarryingOverlongVersionsMatchNothingAndDoNotCrash() throws {
        let version = String(repeating: "1-", count: 100_000) + "1"
        let json = #"{"id":"PYSEC-0001-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Maven","name":"a:b"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":""#
            + version + #""}]}]}]}"#
        let reading = try OSVRecord.read(Data(json.utf8), format: .json)
        let record = try #require(reading.record)
        #expect(!record.affects(ecosystem: "Maven", name: "a:b", version: version))
    }
}
