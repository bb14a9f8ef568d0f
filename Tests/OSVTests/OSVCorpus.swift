import Foundation
import ZIPFoundation

/// The OSV documents the tests read: the PyPA advisory database (a zip, as osv.dev publishes `all.zip`) and the
/// osv-schema test data.
enum OSVCorpus {
    static let resources = Bundle.module.bundleURL.appendingPathComponent("Resources")

    /// Every YAML record of the PyPA advisory database, with its path in the archive.
    static let pypa: [(path: String, data: Data)] = {
        let url = resources.appendingPathComponent("pypa-advisory-database.zip")
        guard let archive = try? Archive(url: url, accessMode: .read) else { return [] }
        return archive.filter { $0.type == .file && $0.path.hasSuffix(".yaml") }.sorted { $0.path < $1.path }
            .compactMap { entry in
                var data = Data()
                guard (try? archive.extract(entry, consumer: { data.append($0) })) != nil else { return nil }
                return (entry.path, data)
            }
    }()

    static func file(_ path: String) throws -> Data {
        try Data(contentsOf: resources.appendingPathComponent(path))
    }

    static func files(in directory: String) -> [String] {
        let url = resources.appendingPathComponent(directory)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            .map { "\(directory)/\($0)" }
    }
}
