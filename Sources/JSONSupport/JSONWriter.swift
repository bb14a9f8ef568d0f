public import Foundation

/// A value written as JSON by the API and the command line alike.
///
/// Bodies are written field by field rather than through `Encodable`: the API's answers are small, and the
/// general-purpose encoders cost more than everything else a request does (`docs/performance.md`).
public protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

/// Writes JSON text (RFC 8259) into a byte buffer, in the order it is told.
///
/// Field names are static strings of plain ASCII, written as they are; string values are escaped. Times are
/// written as RFC 3339 in UTC, to the second. Optional fields are left out when they have no value, except those
/// written with ``nullableField(_:_:)``.
///
/// Its methods are inlinable, so that the server's and the command line's writers are specialized where they are
/// used, as if the writer were their own.
@frozen public struct JSONWriter {
    /// The JSON text written so far.
    public var bytes: [UInt8] { storage }
    @usableFromInline var storage: [UInt8] = []
    /// Whether the next element of the current object or array needs a comma before it.
    @usableFromInline var needsComma = false

    @inlinable public init() {
        storage.reserveCapacity(512)
    }

    /// Forgets what was written, keeping the buffer's capacity: for writing a stream of documents.
    @inlinable public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        needsComma = false
    }

    /// The JSON text of one value.
    @inlinable public static func bytes(of value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.storage
    }

    /// Writes an object whose fields `body` writes.
    @inlinable public mutating func object(_ body: (inout JSONWriter) -> Void) {
        storage.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        storage.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes an array of values.
    @inlinable public mutating func array(_ elements: some Sequence<some JSONWritable>) {
        storage.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements {
            separate()
            element.write(to: &self)
            needsComma = true
        }
        storage.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a field of the current object.
    @inlinable public mutating func field(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
        needsComma = true
    }

    /// Writes a field of the current object when it has a value.
    @inlinable public mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        if let value {
            field(name, value)
        }
    }

    /// Writes a field of the current object, as `null` when it has no value.
    @inlinable public mutating func nullableField(_ name: StaticString, _ value: (some JSONWritable)?) {
        key(name)
        if let value {
            value.write(to: &self)
        } else {
            storage.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    /// Writes a field whose name is known only at run time (a key of a map), escaped as string values are.
    @inlinable public mutating func field(named name: String, _ value: some JSONWritable) {
        separate()
        string(name)
        storage.append(UInt8(ascii: ":"))
        value.write(to: &self)
        needsComma = true
    }

    @inlinable mutating func separate() {
        if needsComma {
            storage.append(UInt8(ascii: ","))
        }
    }

    @inlinable mutating func key(_ name: StaticString) {
        separate()
        storage.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { storage.append(contentsOf: $0) }
        storage.append(contentsOf: "\":".utf8)
    }

    @usableFromInline static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes a string value: quotes, backslashes and control characters escaped, everything else as UTF-8.
    @inlinable public mutating func string(_ text: String) {
        storage.append(UInt8(ascii: "\""))
        let plain =
            text.utf8.withContiguousStorageIfAvailable { buffer in
                !buffer.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
            } ?? false
        if plain {
            storage.append(contentsOf: text.utf8)
        } else {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): storage.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): storage.append(contentsOf: #"\\"#.utf8)
                case 0x0A: storage.append(contentsOf: #"\n"#.utf8)
                case 0x0D: storage.append(contentsOf: #"\r"#.utf8)
                case 0x09: storage.append(contentsOf: #"\t"#.utf8)
                case 0x00..<0x20:
                    storage.append(contentsOf: #"\u00"#.utf8)
                    storage.append(Self.hex[Int(byte >> 4)])
                    storage.append(Self.hex[Int(byte & 0x0F)])
                default: storage.append(byte)
                }
            }
        }
        storage.append(UInt8(ascii: "\""))
    }

    /// Writes JSON text that is already serialized.
    @inlinable public mutating func raw(_ text: String) {
        storage.append(contentsOf: text.utf8)
    }

    /// Writes JSON bytes that are already serialized.
    @inlinable public mutating func raw(bytes json: some Sequence<UInt8>) {
        storage.append(contentsOf: json)
    }
}

extension JSONWriter {
    /// Writes a time as RFC 3339 in UTC, to the second: `2026-11-21T19:46:00Z`.
    ///
    /// Written out by hand: every response carries several times, and the general-purpose formatters cost more
    /// than the rest of a small response.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func append(_ value: Int32, digits: Int) {
            var divisor: Int32 = 1
            for _ in 1..<digits { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor))
                remaining %= divisor
                divisor /= 10
            }
        }
        append(parts.tm_year + 1900, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(parts.tm_mon + 1, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(parts.tm_mday, digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(parts.tm_hour, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(parts.tm_min, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(parts.tm_sec, digits: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A value already serialized as JSON, such as a stored OSV document.
public struct RawJSON: JSONWritable {
    public let bytes: Data

    @inlinable public init(bytes: Data) {
        self.bytes = bytes
    }

    @inlinable public func write(to json: inout JSONWriter) { json.raw(bytes: bytes) }
}

extension String: JSONWritable {
    @inlinable public func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    @inlinable public func write(to json: inout JSONWriter) { json.raw(String(self)) }
}

extension UInt64: JSONWritable {
    @inlinable public func write(to json: inout JSONWriter) { json.raw(String(self)) }
}

extension Double: JSONWritable {
    /// The shortest text that reads back as the same number; JSON has no infinities or NaN, so those are `null`.
    @inlinable public func write(to json: inout JSONWriter) { json.raw(isFinite ? String(self) : "null") }
}

extension Bool: JSONWritable {
    @inlinable public func write(to json: inout JSONWriter) { json.raw(self ? "true" : "false") }
}

extension Date: JSONWritable {
    /// RFC 3339 in UTC, to the second.
    @inlinable public func write(to json: inout JSONWriter) { json.string(JSONWriter.timestamp(self)) }
}

extension Array: JSONWritable where Element: JSONWritable {
    @inlinable public func write(to json: inout JSONWriter) { json.array(self) }
}
