import Foundation
import Hummingbird

/// The fields of an HTML form's post (`application/x-www-form-urlencoded`), read flat: no nesting, at most
/// ``maximumFields`` fields in at most ``maximumBytes`` bytes; a name given twice keeps its first value.
struct FormBody: Sendable {
    static let maximumBytes = 64 * 1024
    static let maximumFields = 64

    private let fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads a request's form.
    ///
    /// - Throws: a ``Problem``: 415 for another media type, 413 over the size, 400 for too many fields.
    init(_ request: Request) async throws {
        guard request.mediaType == "application/x-www-form-urlencoded" else {
            throw Problem(
                .unsupportedMediaType, code: .unsupportedMediaType,
                detail: "A form is posted as application/x-www-form-urlencoded.")
        }
        let body = try await request.collect(limit: Self.maximumBytes, describing: "the form")
        try self.init(encoded: String(decoding: body, as: UTF8.self))
    }

    init(encoded text: String) throws {
        var fields: [String: String] = [:]
        let pairs = text.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= Self.maximumFields else {
            throw Problem(.badRequest, code: .invalidRequest, detail: "A form has at most \(Self.maximumFields) fields.")
        }
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
        self.fields = fields
    }

    /// `+` is a space and `%XX` a byte; a malformed escape stays as written, and bytes that are not UTF-8 become
    /// U+FFFD.
    private static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
