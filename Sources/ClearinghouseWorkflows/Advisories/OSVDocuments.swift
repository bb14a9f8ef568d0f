public import Foundation
public import OSV
import ZIPFoundation

/// One OSV document to import, and where it came from.
public struct OSVDocument: Sendable {
    /// A file path, `archive.zip:member`, or `body[3]`.
    public let source: String
    public let data: Data
    public let format: OSVRecord.Format

    public init(source: String, data: Data, format: OSVRecord.Format) {
        self.source = source
        self.data = data
        self.format = format
    }
}

/// Finds the OSV documents in files, directories (recursively) and zip archives (as osv.dev publishes
/// `all.zip`): every `.json`, `.yaml` and `.yml` file.
public struct OSVDocuments: Sendable {
    /// What could not be read at all, as (source, reason).
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case unreadable(String, String)

        public var description: String {
            switch self {
            case .unreadable(let source, let reason): "\(source): \(reason)"
            }
        }
    }

    let paths: [String]

    /// - Parameter paths: files, directories or zip archives.
    public init(paths: [String]) {
        self.paths = paths
    }

    /// Counts the documents, for progress; reads directory listings and archive directories, not contents.
    ///
    /// - Throws: `Failure.unreadable` for a path that does not exist or an archive that cannot be opened.
    public func count() throws -> Int {
        var count = 0
        for path in paths {
            for file in try files(under: path) {
                if file.lowercased().hasSuffix(".zip") {
                    count += try Self.archive(at: file).reduce(0) { total, entry in
                        total + (entry.type == .file && OSVRecord.Format(fileName: entry.path) != nil ? 1 : 0)
                    }
                } else if OSVRecord.Format(fileName: file) != nil {
                    count += 1
                }
            }
        }
        return count
    }

    /// Calls `body` with each document in turn, in path order.
    ///
    /// - Throws: `Failure.unreadable` for a path or archive member that cannot be read, or what `body` throws.
    public func forEach(_ body: (OSVDocument) async throws -> Void) async throws {
        for path in paths {
            for file in try files(under: path) {
                if file.lowercased().hasSuffix(".zip") {
                    try await Self.forEachMember(of: Self.archive(at: file), named: file, body)
                } else if let format = OSVRecord.Format(fileName: file) {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw Failure.unreadable(file, "cannot be read")
                    }
                    try await body(OSVDocument(source: file, data: data, format: format))
                }
            }
        }
    }

    /// Calls `body` with each document of an archive held in memory.
    public static func forEachMember(
        ofArchive data: Data, named name: String, _ body: (OSVDocument) async throws -> Void
    )
        async throws
    {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Failure.unreadable(name, "is not a zip archive")
        }
        try await forEachMember(of: archive, named: name, body)
    }

    /// The most one archive member may expand to: far above any OSV record (the largest are tens of kilobytes).
    public static let maximumMemberSize = 16 * 1024 * 1024
    /// The most a member may expand per compressed byte, past its first mebibyte: OSV JSON compresses about tenfold.
    public static let maximumExpansionRatio = 200

    private static func forEachMember(
        of archive: Archive, named name: String, _ body: (OSVDocument) async throws -> Void
    ) async throws {
        for entry in archive where entry.type == .file {
            guard let format = OSVRecord.Format(fileName: entry.path) else { continue }
            let source = "\(name):\(entry.path)"
            // The sizes the archive declares are checked first, and the bytes as they come out, since a forged
            // header can declare anything.
            let limit = min(
                maximumMemberSize, max(1024 * 1024, Int(clamping: entry.compressedSize) &* maximumExpansionRatio))
            guard entry.uncompressedSize <= UInt64(limit) else { throw Self.tooLarge(source, limit) }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard data.count + chunk.count <= limit else { throw Self.tooLarge(source, limit) }
                    data.append(chunk)
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure.unreadable(source, "cannot be extracted (\(error))")
            }
            try await body(OSVDocument(source: source, data: data, format: format))
        }
    }

    private static func tooLarge(_ source: String, _ limit: Int) -> Failure {
        .unreadable(
            source,
            "expands beyond \(limit) bytes (at most \(maximumMemberSize) bytes, and \(maximumExpansionRatio) times its compressed size); refused as a decompression bomb")
    }

    private static func archive(at path: String) throws -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Failure.unreadable(path, "is not a zip archive")
        }
    }

    /// The files at a path: itself, or everything under a directory, sorted.
    private func files(under path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure.unreadable(path, "does not exist")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw Failure.unreadable(path, "cannot be listed")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var isSubdirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isSubdirectory), !isSubdirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }
}
