extension SARIFLog {
    /// The longest message text kept, in bytes; a longer one is cut at a character boundary and ends with `…`.
    public static let maximumMessageLength = 65_536

    /// Fills a message's `{n}` placeholders with its arguments in one pass over the text: an argument is copied
    /// as it is, never read again for placeholders, so no log can make its messages grow beyond the sum of their
    /// parts; and the result is cut at ``maximumMessageLength`` bytes. `{{` and `}}` stand for braces; a
    /// placeholder without an argument stays as written.
    static func substitute(_ arguments: [String], into text: String) -> String {
        var output = ""
        var bytes = text.utf8[...]
        func append(_ piece: some StringProtocol) -> Bool {
            output += piece
            return output.utf8.count <= maximumMessageLength
        }
        while let brace = bytes.firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
            guard append(Substring(bytes[..<brace])) else { return truncated(output) }
            let rest = bytes[brace...]
            let next = rest.dropFirst().first
            if rest.first == next {
                // `{{` or `}}`: one brace.
                guard append(rest.first == UInt8(ascii: "{") ? "{" : "}") else { return truncated(output) }
                bytes = rest.dropFirst(2)
                continue
            }
            if rest.first == UInt8(ascii: "{") {
                let digits = rest.dropFirst().prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                if !digits.isEmpty, digits.count <= 6, rest.dropFirst(1 + digits.count).first == UInt8(ascii: "}"),
                    let index = Int(Substring(digits)), index < arguments.count
                {
                    guard append(arguments[index]) else { return truncated(output) }
                    bytes = rest.dropFirst(digits.count + 2)
                    continue
                }
            }
            guard append(Substring(rest.prefix(1))) else { return truncated(output) }
            bytes = rest.dropFirst()
        }
        guard append(Substring(bytes)) else { return truncated(output) }
        return output
    }

    /// Cuts a text to fit ``maximumMessageLength`` bytes with the ellipsis.
    private static func truncated(_ text: String) -> String {
        var kept = ""
        for character in text {
            guard kept.utf8.count + character.utf8.count + 3 <= maximumMessageLength else { break }
            kept.append(character)
        }
        return kept + "…"
    }
}
