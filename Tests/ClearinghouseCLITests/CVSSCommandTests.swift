import Foundation
import Testing

/// `clearinghouse cvss`, through the binary: one JSON object per vector, from arguments or standard input.
@Suite struct CVSSCommandTests {
    static func objects(_ output: String) -> [[String: Any]] {
        output.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    @Test func scoresVectorsAndNamesTheMetricAtFault() throws {
        let result = try CommandRunner.run([
            "cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", "CVSS:3.1/AV:Q",
            "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C",
        ])
        #expect(result.status == 1)
        let objects = Self.objects(result.output)
        #expect(objects.count == 4, "\(result.output)")
        #expect(objects[3]["version"] as? String == "2.0" && objects[3]["base_score"] as? Double == 10)
        #expect(objects[3]["temporal_score"] as? Double == 8.3 && objects[3]["severity"] as? String == "HIGH")
        #expect(objects[0]["base_score"] as? Double == 9.8 && objects[0]["temporal_score"] as? Double == 9.8)
        #expect(objects[0]["severity"] as? String == "CRITICAL" && objects[0]["version"] as? String == "3.1")
        #expect(objects[1]["base_score"] as? Double == 9.3 && objects[1]["threat_score"] as? Double == 8.9)
        #expect(objects[1]["environmental_score"] as? Double == 8.9 && objects[1]["severity"] as? String == "HIGH")
        #expect((objects[2]["error"] as? String)?.contains("`AV` cannot be `Q`") == true)
    }

    @Test func readsVectorsFromStandardInput() throws {
        let input = Pipe()
        let command = try CommandRunner.start(["cvss"], input: input)
        try input.fileHandleForWriting.write(
            contentsOf: Data("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\n\n".utf8))
        try input.fileHandleForWriting.close()
        let output = try command.output?.fileHandleForReading.readToEnd() ?? Data()
        #expect(command.child.waitUntilExit() == .exited(0))
        let objects = Self.objects(String(decoding: output, as: UTF8.self))
        #expect(objects.count == 1 && objects.first?["base_score"] as? Double == 10)
    }
}
