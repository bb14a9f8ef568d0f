import Foundation
import Testing

/// `clearinghouse import osv` through the binary: files, directories, zip archives; idempotency; invalid records
/// reported; and a server started on the database answering OSV queries from what was imported.
@Suite struct ImportCommandTests {
    static let pypaArchive = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OSVTests/Resources/pypa-advisory-database.zip")

    @Test func importsArchivesAndDirectoriesIdempotently() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/clearinghouse.sqlite"
        let records = directory.appendingPathComponent("records/nested")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        try Data(
            #"{"id": "x_demo-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.3.0"}]}]}]}"#
                .utf8
        ).write(to: records.appendingPathComponent("x_demo-1.json"))
        try Data("id: x_demo-2\naffected: []\n".utf8).write(to: records.appendingPathComponent("x_demo-2.yaml"))
        try Data("not a record".utf8).write(to: records.appendingPathComponent("README.md"))

        let first = try CommandRunner.run([
            "import", "osv", Self.pypaArchive.path, directory.appendingPathComponent("records").path,
            "--database", database,
        ])
        #expect(first.status == 1, "\(first.errors)")
        #expect(
            first.output.hasPrefix(
                "imported 2662, updated 0, unchanged 0, invalid 1, with warnings 10 (2663 documents"),
            "\(first.output)")
        #expect(first.output.contains("vulns/pyspark/PYSEC-2023-72.yaml\n  PYSEC-2023-72 affected[0].ranges[0].events"))
        #expect(first.output.contains("invalid: \(records.path)/x_demo-2.yaml"))
        #expect(first.output.contains("x_demo-2 modified: is required. [SCH:001]"))
        #expect(first.errors.contains("OSV documents: 2663/2663"))

        let second = try CommandRunner.run(["import", "osv", Self.pypaArchive.path, "--database", database, "--json"])
        #expect(second.status == 0, "\(second.errors)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as? [String: Any])
        #expect(summary["unchanged"] as? Int == 2_661)
        #expect(summary["imported"] as? Int == 0)
        #expect(summary["warned"] as? Int == 10)
        #expect((summary["warnings"] as? [Any])?.count == 10)

        // A server on the same database answers from what was imported.
        let port = try CommandRunner.freePort()
        let server = try CommandRunner.start(["serve", "--port", "\(port)", "--database", database])
        defer { server.child.terminate() }
        #expect(try await CommandRunner.waitUntilReady(port: port))
        let reply = await CommandRunner.send(
            "POST", "http://127.0.0.1:\(port)/v1/query", json: #"{"package": {"purl": "pkg:npm/left-pad@1.2.0"}}"#)
        #expect(reply?.status == 200)
        #expect(reply?.body.contains(#""id":"x_demo-1""#) == true, "\(reply?.body ?? "")")
        let byID = await CommandRunner.get("http://127.0.0.1:\(port)/v1/vulns/PYSEC-2023-74")
        #expect(byID?.status == 200)

        // What the command imports while the server runs reaches the server's index within seconds.
        let later = directory.appendingPathComponent("later.json")
        try Data(
            #"{"id": "x_demo-3", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "right-pad"}, "versions": ["0.1.0"]}]}"#
                .utf8
        ).write(to: later)
        let third = try CommandRunner.run(["import", "osv", later.path, "--database", database])
        #expect(third.status == 0, "\(third.errors)")
        var seen = false
        for _ in 0..<100 where !seen {
            let answer = await CommandRunner.send(
                "POST", "http://127.0.0.1:\(port)/v1/query", json: #"{"package": {"purl": "pkg:npm/right-pad@0.1.0"}}"#)
            seen = answer?.body.contains("x_demo-3") == true
            if !seen { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(seen, "the running server never saw the advisory imported beside it")
    }

    @Test func refusesWhatItCannotRead() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/clearinghouse.sqlite"
        let missing = try CommandRunner.run(["import", "osv", "/nonexistent/osv", "--database", database])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("/nonexistent/osv: does not exist"), "\(missing.errors)")
        let notZip = directory.appendingPathComponent("all.zip")
        try Data("not a zip".utf8).write(to: notZip)
        let broken = try CommandRunner.run(["import", "osv", notZip.path, "--database", database])
        #expect(broken.status != 0)
        #expect(broken.errors.contains("is not a zip archive"), "\(broken.errors)")
        let none = try CommandRunner.run(["import", "osv", "--database", database])
        #expect(none.status != 0)
    }
}
