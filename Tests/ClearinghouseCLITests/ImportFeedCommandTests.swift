import ChildProcesses
import Foundation
import Testing

/// `clearinghouse import kev` and `import epss` through the binary: the real KEV catalog, idempotent re-import,
/// files refused whole with their problems by line, older data refused.
@Suite struct ImportFeedCommandTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ThreatFeedsTests/Resources")

    @Test func importsKEVAndEPSS() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/clearinghouse.sqlite"
        let catalog = Self.resources.appendingPathComponent("known_exploited_vulnerabilities.json").path

        let first = try CommandRunner.run(["import", "kev", catalog, "--database", database])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("KEV 2025.08.25"))
        #expect(first.output.contains("1404 entries; added 1404, updated 0, removed 0, unchanged 0"))
        let again = try CommandRunner.run(["import", "kev", catalog, "--database", database, "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [String: Any])
        #expect(summary["unchanged"] as? Int == 1404)
        #expect(summary["added"] as? Int == 0)

        let bad = directory.appendingPathComponent("bad.csv")
        try Data(
            "#model_version:v1,score_date:2025-08-26\ncve,epss,percentile\nCVE-2024-0001,0.1,0.2\nCVE-2024-0002,x,0.2\n"
                .utf8
        )
        .write(to: bad)
        let refused = try CommandRunner.run(["import", "epss", bad.path, "--database", database])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("The EPSS file has a problem; nothing was imported."), "\(refused.errors)")
        #expect(refused.errors.contains("line 4: The EPSS score `x` is not a number from 0 to 1."))

        // As FIRST publishes it: gzip-compressed.
        let compressed = directory.appendingPathComponent("epss_scores-2025-08-25.csv.gz")
        let gzip = try ChildProcess.run(
            "/bin/sh",
            arguments: [
                "-c", "gzip -c \"$0\" > \"$1\"", Self.resources.appendingPathComponent("epss_scores-sample.csv").path,
                compressed.path,
            ])
        #expect(gzip.termination == .exited(0))
        let scores = try CommandRunner.run(["import", "epss", compressed.path, "--database", database])
        #expect(scores.status == 0, "\(scores.errors)")
        #expect(scores.output.contains("EPSS v2025.03.14 (released 2025-08-25T12:55:00Z): 6 entries; added 6"))

        // A small file that expands far beyond any feed is stopped as it expands.
        let bomb = directory.appendingPathComponent("bomb.csv.gz")
        _ = try ChildProcess.run(
            "/bin/sh", arguments: ["-c", "head -c 41943040 /dev/zero | gzip -c > \"$0\"", bomb.path])
        let exploded = try CommandRunner.run(["import", "epss", bomb.path, "--database", database])
        #expect(exploded.status != 0)
        #expect(exploded.errors.contains("decompression bomb"), "\(exploded.errors)")

        let older = directory.appendingPathComponent("older.csv")
        try Data("#model_version:v1,score_date:2025-01-01\ncve,epss,percentile\nCVE-2024-0001,0.1,0.2\n".utf8).write(
            to: older)
        let stale = try CommandRunner.run(["import", "epss", older.path, "--database", database])
        #expect(stale.status == 1)
        #expect(stale.errors.contains("is newer than this file's"), "\(stale.errors)")

        let missing = try CommandRunner.run([
            "import", "kev", directory.appendingPathComponent("nope.json").path, "--database", database,
        ])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("Cannot read"))
    }
}
