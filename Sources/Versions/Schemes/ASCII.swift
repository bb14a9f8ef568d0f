/// Byte classes the schemes' grammars are written in; versions are ASCII in every scheme this library reads, so
/// parsers test bytes rather than Unicode characters.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte)
    }

    /// Whether the text has white space: by byte for ASCII text, by Unicode's definition otherwise.
    static func hasWhitespace(_ text: some StringProtocol) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.contains(where: \.isWhitespace) }
        return text.utf8.contains { $0 == UInt8(ascii: " ") || (0x09...0x0D).contains($0) }
    }

    /// Runs `body` on the UTF-8 bytes of two strings, without copying strings stored contiguously.
    static func withBytes<Result>(
        _ lhs: String, _ rhs: String,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in rhs.withUTF8 { right in body(left, right) } }
    }
}
