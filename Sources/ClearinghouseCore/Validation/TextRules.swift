/// Rules for free text that callers send: trimmed, not empty, bounded, no control characters.
enum TextRules {
    /// Checks a one-line text field and returns it trimmed.
    ///
    /// - Throws: `ClearinghouseError.invalidField` when the text is empty, too long or holds control characters.
    static func singleLine(_ text: String, field: String, maximumLength: Int) throws(ClearinghouseError) -> String {
        if isPlainLine(text, maximumLength: maximumLength) {
            return text
        }
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty else {
            throw .invalidField(field, "`\(field)` must not be empty.")
        }
        guard trimmed.count <= maximumLength else {
            throw .invalidField(
                field, "`\(field)` must be at most \(maximumLength) characters; it has \(trimmed.count).")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidField(field, "`\(field)` must not contain control characters such as line breaks or tabs.")
        }
        return trimmed
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
        guard text.count <= maximumLength else {
            throw .invalidField(field, "`\(field)` must be at most \(maximumLength) characters; it has \(text.count).")
        }
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
