/// Percent-encoding as the Package URL specification uses it: every byte but ASCII letters, digits, `.`, `-`,
/// `_`, `~` and `:` is encoded.
enum PercentEncoding {
    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "~"), UInt8(ascii: ":"):
            true
        default:
            false
        }
    }

    static func encode(_ text: String) -> String {
        PercentCoding.encode(text, keeping: isKept)
    }

    /// Decodes `%XX` sequences.
    ///
    /// - Throws: `PackageURLError` naming the part, for a `%` not followed by two hexadecimal digits, or bytes
    ///   that are not UTF-8.
    static func decode(_ text: some StringProtocol, part: String) throws(PackageURLError) -> String {
        do {
            return try PercentCoding.decode(text)
        } catch .malformedEscape {
            throw PackageURLError("The \(part) has a `%` that is not followed by two hexadecimal digits.")
        } catch {
            throw PackageURLError("The \(part) does not decode to UTF-8 text.")
        }
    }
}
