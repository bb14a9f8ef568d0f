import SQLKit
import Synchronization

/// Where member documents (SBOMs, VEX documents) are stored: in parts of at most ``partSize`` bytes of their text,
/// each a row of its own, so that neither engine's driver holds a whole large document while writing or reading it
/// (SQLite copies what it binds, and again as it assembles a row). A document is written and read part by part;
/// only its text, once, is whole in memory.
struct DocumentParts: Sendable {
    /// What a document belongs to: an SBOM or a VEX document.
    enum Kind: String {
        case sbom, vex
    }

    let database: any SQLDatabase
    let kind: Kind

    /// The largest part, in bytes of UTF-8.
    static let partSize = 1 << 20

    /// Stores a document's text, replacing what was stored for it.
    func write(_ text: String, for id: String) async throws {
        try await delete(id)
        for (index, part) in Self.split(text).enumerated() {
            try await database.insert(into: "document_parts")
                .columns("kind", "document_id", "part", "text")
                .values(SQLBind(kind.rawValue), SQLBind(id), SQLBind(index), SQLBind(String(part)))
                .run()
        }
    }

    /// A document's text, its parts joined as they arrive; `nil` when none is stored.
    func read(_ id: String) async throws -> String? {
        let text = Mutex<(text: String, parts: Int, failed: (any Error)?)>(("", 0, nil))
        try await database.select().column("text").from("document_parts")
            .where("kind", .equal, kind.rawValue).where("document_id", .equal, id).orderBy("part")
            .run { row in
                text.withLock { read in
                    do {
                        read.text += try row.decode(column: "text", as: String.self)
                        read.parts += 1
                    } catch {
                        read.failed = read.failed ?? error
                    }
                }
            }
        return try text.withLock { read in
            if let failed = read.failed { throw failed }
            return read.parts == 0 ? nil : read.text
        }
    }

    /// Removes a document's parts.
    func delete(_ id: String) async throws {
        try await database.delete(from: "document_parts")
            .where("kind", .equal, kind.rawValue).where("document_id", .equal, id).run()
    }

    /// The text cut into parts of at most `size` bytes, each cut between two Unicode scalars.
    static func split(_ text: String, size: Int = partSize) -> [Substring] {
        let bytes = text.utf8
        var parts: [Substring] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            var end = bytes.index(start, offsetBy: size, limitedBy: bytes.endIndex) ?? bytes.endIndex
            while end < bytes.endIndex && UTF8.isContinuation(bytes[end]) {
                end = bytes.index(before: end)
            }
            parts.append(Substring(text.unicodeScalars[start..<end]))
            start = end
        }
        return parts
    }
}
