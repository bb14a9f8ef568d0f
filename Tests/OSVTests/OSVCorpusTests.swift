import Foundation
import OSV
import Testing

/// Real records read and validate as the OSV schema and linter say.
@Suite struct OSVCorpusTests {
    @Test func everyPyPARecordIsValid() throws {
        #expect(OSVCorpus.pypa.count == 2_661)
        var warnings: [String: Int] = [:]
        var ids: Set<String> = []
        for (path, data) in OSVCorpus.pypa {
            let reading = try OSVRecord.read(data, format: .yaml)
            #expect(reading.errors.isEmpty, "\(path): \(reading.errors)")
            if let record = reading.record {
                ids.insert(record.id)
                #expect(path.hasSuffix("\(record.id).yaml"), "\(path) holds \(record.id)")
            }
            for warning in reading.warnings { warnings[warning.code, default: 0] += 1 }
        }
        #expect(ids.count == 2_661)
        // What the database departs from: abbreviated commits (SCH:001), repeated event versions (RNG:002).
        #expect(warnings == ["SCH:001": 7, "RNG:002": 4], "\(warnings)")
    }

    @Test func yamlVersionsStayText() throws {
        let yaml = """
            id: PYSEC-0000-1
            modified: 2024-01-01T00:00:00Z
            affected:
            - package: {ecosystem: PyPI, name: demo}
              versions: [1.0, 1.10, 2]
            """
        let record = try #require(try OSVRecord.read(Data(yaml.utf8), format: .yaml).record)
        #expect(record.affected.first?.versions == ["1.0", "1.10", "2"])
    }

    @Test(arguments: [
        ("nointroduced-CVE-2023-41045.json", "RNG:001", "affected[0].ranges[0].events"),
        ("nondistinct-CVE-2018-5407.json", "RNG:002", "affected[6].ranges[1].events"),
    ])
    func linterTestDataFailsTheCheckItDemonstrates(file: String, code: String, path: String) throws {
        let reading = try OSVRecord.read(
            OSVCorpus.file("osv-schema/linter-testdata/\(file)"), format: .json)
        #expect(reading.diagnostics.contains { $0.code == code && $0.path == path }, "\(reading.diagnostics)")
    }

    @Test func linterTestDataThatIsValidOfflineReads() throws {
        let invalid = ["nointroduced-CVE-2023-41045.json"]
        let files = OSVCorpus.files(in: "osv-schema/linter-testdata").filter {
            !invalid.contains(URL(fileURLWithPath: $0).lastPathComponent)
        }
        #expect(files.count == 11)
        for file in files {
            let reading = try OSVRecord.read(OSVCorpus.file(file), format: .json)
            #expect(reading.errors.isEmpty, "\(file): \(reading.errors)")
        }
    }

    @Test func convertedGHSARecordsRead() throws {
        let files = OSVCorpus.files(in: "osv-schema/ghsa-testdata").filter { $0.hasSuffix(".osv.json") }
        #expect(files.count == 11)
        for file in files {
            let reading = try OSVRecord.read(OSVCorpus.file(file), format: .json)
            #expect(reading.errors.isEmpty, "\(file): \(reading.errors)")
        }
    }
}
