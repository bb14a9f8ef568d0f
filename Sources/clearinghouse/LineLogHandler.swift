import Foundation
import Logging
import Synchronization

/// Writes one line per log event to standard error, as text for people or as a JSON object for collectors.
///
/// Metadata is formatted only when a line is written (unlike swift-log's `StreamLogHandler`, which formats on
/// every change), so that the request id a server attaches to every request costs nothing when nothing is
/// logged. Hummingbird's `hb.request.id` is written as `request_id`.
struct LineLogHandler: LogHandler {
    /// How lines are written.
    enum Format {
        /// `time level label: message key=value ...`
        case text
        /// `{"time", "level", "label", "message", ...metadata}`
        case json
    }

    let label: String
    let format: Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private static let output = Mutex(())

    init(label: String, format: Format) {
        self.label = label
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        var fields: [(String, Logger.Metadata.Value)] = []
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields.append((key == "hb.request.id" ? "request_id" : key, value))
        }
        fields.sort { $0.0 < $1.0 }
        let line: Data
        switch format {
        case .text:
            let pairs = fields.map { "\($0.0)=\($0.1)" }
            line = Data(
                ([time, event.level.rawValue, "\(label):", event.message.description] + pairs).joined(separator: " ")
                    .utf8)
        case .json:
            var object: [String: Any] = [
                "time": time, "level": event.level.rawValue, "label": label, "message": event.message.description,
            ]
            for (key, value) in fields {
                object[key] = Self.json(value)
            }
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
            line = data
        }
        // A line that cannot be written (its reader is gone, the disk is full) is dropped: logging never stops the
        // server.
        Self.output.withLock { _ in try? FileHandle.standardError.write(contentsOf: line + Data([0x0A])) }
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }
}
