import Foundation
import Logging
import Synchronization

/// Writes one line per log event to standard error for people: time, level, label, message, then the metadata as
/// `key=value` pairs.
///
/// Unlike swift-log's `StreamLogHandler`, it formats metadata only when it writes a line, so that the metadata a
/// server attaches to every request costs nothing when nothing is logged.
struct TextLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private static let output = Mutex(())

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let pairs = merged.sorted { $0.key < $1.key }.map { key, value in
            "\(key == "hb.request.id" ? "request_id" : key)=\(value)"
        }
        let time = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        let line =
            ([time, event.level.rawValue, "\(label):", event.message.description] + pairs)
            .joined(separator: " ") + "\n"
        Self.output.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
    }
}
