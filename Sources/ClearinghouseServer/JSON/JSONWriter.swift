import ClearinghouseCore
import Foundation

/// A value the API writes as JSON.
///
/// Response bodies are written field by field rather than through `Encodable`: the API's answers are small, and
/// the general-purpose encoders cost more than everything else a request does (`docs/performance.md`).
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

/// Writes JSON text (RFC 8259) into a byte buffer, in the order it is told.
///
/// Field names are static strings of plain ASCII, written as they are; string values are escaped. Times are
/// written as RFC 3339 in UTC, to the second. Optional fields are left out when they have no value, except those
/// written with ``nullableField(_:_:)``.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next element of the current object or array needs a comma before it.
    private var needsComma = false

    init() {
        bytes.reserveCapacity(512)
    }

    /// The JSON text of one value.
    static func bytes(of value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.bytes
    }

    /// Writes an object whose fields `body` writes.
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes an array of values.
    mutating func array(_ elements: some Sequence<some JSONWritable>) {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements {
            separate()
            element.write(to: &self)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a field of the current object.
    mutating func field(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
        needsComma = true
    }

    /// Writes a field of the current object when it has a value.
    mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        if let value {
            field(name, value)
        }
    }

    /// Writes a field of the current object, as `null` when it has no value.
    mutating func nullableField(_ name: StaticString, _ value: (some JSONWritable)?) {
        key(name)
        if let value {
            value.write(to: &self)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    private mutating func separate() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Writes a string value: quotes, backslashes and control characters escaped, everything else as UTF-8.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let plain =
            text.utf8.withContiguousStorageIfAvailable { buffer in
                !buffer.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
            } ?? false
        if plain {
            bytes.append(contentsOf: text.utf8)
        } else {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
                case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
                case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
                case 0x00..<0x20:
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0x0F)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes JSON text that is already serialized.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes JSON bytes that are already serialized.
    mutating func raw(bytes json: some Sequence<UInt8>) {
        bytes.append(contentsOf: json)
    }
}

/// A value already serialized as JSON, such as a stored OSV document.
struct RawJSON: JSONWritable {
    let bytes: Data

    func write(to json: inout JSONWriter) { json.raw(bytes: bytes) }
}

extension String: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    func write(to json: inout JSONWriter) { json.raw(String(self)) }
}

extension Double: JSONWritable {
    /// The shortest text that reads back as the same number; JSON has no infinities or NaN, so those are `null`.
    func write(to json: inout JSONWriter) { json.raw(isFinite ? String(self) : "null") }
}

extension Bool: JSONWritable {
    func write(to json: inout JSONWriter) { json.raw(self ? "true" : "false") }
}

extension Date: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(JSONCoding.formatTimestamp(self)) }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONWriter) { json.array(self) }
}

extension Identifier: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(rawValue) }
}
