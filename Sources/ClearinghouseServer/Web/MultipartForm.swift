import Foundation
import Hummingbird

/// The parts of a form posted as `multipart/form-data` (RFC 7578), for forms that send a file: read in one pass,
/// without recursion, at most ``maximumParts`` parts with at most ``maximumHeaderBytes`` bytes of headers each.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        let name: String
        /// The file's name as the browser gave it; `nil` for an ordinary field.
        let filename: String?
        let content: Data
    }

    static let maximumParts = 16
    static let maximumHeaderBytes = 4_096

    let parts: [Part]

    /// An ordinary field's value.
    subscript(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.content, as: UTF8.self) }
    }

    /// The file sent in a field, when one was chosen.
    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.filename != nil && !$0.content.isEmpty }
    }

    /// Reads a request's form, up to `limit` bytes.
    ///
    /// - Throws: a ``Problem``: 415 for another media type, 413 over the limit, 400 for a malformed body.
    init(_ request: Request, limit: Int) async throws {
        guard request.mediaType == "multipart/form-data",
            let boundary = request.headers[.contentType].flatMap(Self.boundary(in:))
        else {
            throw Problem(
                .unsupportedMediaType, code: .unsupportedMediaType,
                detail: "A form with a file is posted as multipart/form-data with a boundary.")
        }
        try self.init(body: try await request.collect(limit: limit, describing: "the form"), boundary: boundary)
    }

    init(body: Data, boundary: String) throws {
        let malformed = Problem(.badRequest, code: .invalidRequest, detail: "The form's body is not multipart/form-data.")
        let delimiter = Array(("\r\n--" + boundary).utf8)
        var parts: [Part] = []
        try body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            // The body starts with the first delimiter (its leading CRLF is optional there).
            let first = Array(delimiter.dropFirst(2))
            guard bytes.count >= first.count, first.elementsEqual(bytes.prefix(first.count)) else { throw malformed }
            var position = first.count
            while true {
                guard position + 2 <= bytes.count else { throw malformed }
                if bytes[position] == UInt8(ascii: "-") && bytes[position + 1] == UInt8(ascii: "-") { break }
                guard bytes[position] == 0x0D, bytes[position + 1] == 0x0A, parts.count < Self.maximumParts else {
                    throw malformed
                }
                position += 2
                guard let headersEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: position),
                    headersEnd - position <= Self.maximumHeaderBytes,
                    let contentEnd = Self.find(delimiter, in: bytes, from: headersEnd + 4)
                else { throw malformed }
                let headers = String(decoding: bytes[position..<headersEnd], as: UTF8.self)
                guard let (name, filename) = Self.disposition(in: headers) else { throw malformed }
                parts.append(Part(name: name, filename: filename, content: Data(bytes[(headersEnd + 4)..<contentEnd])))
                position = contentEnd + delimiter.count
            }
        }
        self.parts = parts
    }

    /// The offset of `needle` in `bytes` at or after `start`, by Knuth–Morris–Pratt: linear in the body however a
    /// hostile one repeats near-delimiters.
    private static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard !needle.isEmpty, start <= bytes.count else { return nil }
        var failure = [Int](repeating: 0, count: needle.count)
        var length = 0
        for index in 1..<needle.count {
            while length > 0 && needle[index] != needle[length] { length = failure[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            failure[index] = length
        }
        var matched = 0
        for index in start..<bytes.count {
            while matched > 0 && bytes[index] != needle[matched] { matched = failure[matched - 1] }
            if bytes[index] == needle[matched] { matched += 1 }
            if matched == needle.count { return index - needle.count + 1 }
        }
        return nil
    }

    /// The `boundary` parameter of a `multipart/form-data` media type (1 to 70 characters, RFC 2046).
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// The field name and file name of a part's `Content-Disposition: form-data; name="…"; filename="…"`.
    private static func disposition(in headers: String) -> (String, String?)? {
        for line in headers.split(separator: "\r\n") {
            let header = line.split(separator: ":", maxSplits: 1)
            guard header.count == 2, header[0].lowercased() == "content-disposition" else { continue }
            var name: String?
            var filename: String?
            for parameter in header[1].split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                var value = pair[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                switch pair[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "name": name = value
                case "filename": filename = value
                default: break
                }
            }
            return name.map { ($0, filename) }
        }
        return nil
    }
}
