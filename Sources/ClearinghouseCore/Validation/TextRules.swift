/// Rules for free text that callers send: trimmed, not empty, bounded, no control characters.
enum TextRules {
    /// Checks a one-line text field and returns it trimmed.
    ///
    /// - Throws: `ClearinghouseError.invalidField` when the text is empty, too long or holds control characters.
    static func singleLine(_ text: String, field: String, maximumLength: Int) throws(ClearinghouseError) -> String {
        if isPlainLine(text, maximumLength: maximumLength) {
            return text
        }
        let trimmed = trimmingWhitespace(text)
        guard !trimmed.isEmpty else {
            throw .invalidField(field, "`\(field)` must not be empty.")
        }
        try checkLength(trimmed, field: field, maximumLength: maximumLength)
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidField(field, "`\(field)` must not contain control characters such as line breaks or tabs.")
        }
        return trimmed
    }

    /// Lengths are counted in bytes of UTF-8, never in characters: a character may carry any number of combining
    /// marks, and counting characters costs as much as the text is long.
    private static func checkLength(_ text: String, field: String, maximumLength: Int) throws(ClearinghouseError) {
        guard text.utf8.count <= maximumLength else {
            throw .invalidField(
                field, "`\(field)` must be at most \(maximumLength) bytes of UTF-8; it has \(text.utf8.count).")
        }
    }

    /// The text without white space at either end, found scalar by scalar (no grapheme breaking).
    private static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    /// The longest prefix of a text, cut between characters, that fits `maximumLength` bytes with an ellipsis
    /// after it; the text itself when it fits.
    static func prefix(_ text: String, fittingBytes maximumLength: Int) -> String {
        guard text.utf8.count > maximumLength else { return text }
        var kept = ""
        for character in text {
            guard kept.utf8.count + character.utf8.count + "…".utf8.count <= maximumLength else { break }
            kept.append(character)
        }
        let word = kept.lastIndex(of: " ").map { String(kept[..<$0]) } ?? kept
        return word + "…"
    }

    /// Whether a text is already a valid line: printable ASCII, not empty, not too long, no space at either end.
    /// Most fields are, and this check costs far less than the general one.
    static func isPlainLine(_ text: String, maximumLength: Int) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20,
            utf8.count <= maximumLength
        else { return false }
        return utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// Checks an optional multi-line note: bounded, no control characters other than line breaks and tabs.
    static func note(_ text: String, field: String, maximumLength: Int) throws(ClearinghouseError) -> String {
        if text.utf8.count <= maximumLength, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x0A }) {
            return text
        }
        try checkLength(text, field: field, maximumLength: maximumLength)
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard
            !text.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !allowed.contains($0)
            })
        else {
            throw .invalidField(field, "`\(field)` must not contain control characters.")
        }
        return text
    }
}
