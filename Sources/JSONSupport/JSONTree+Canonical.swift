/// The canonical text of a JSON value: what the transparency log hashes and validators sign.
///
/// Serialization follows RFC 8785 (JSON Canonicalization Scheme): no whitespace, object members sorted by the
/// UTF-16 code units of their names, strings with only the escapes JSON requires. Numbers are written as their text,
/// so a value meant for canonical text holds integers made by ``integer(_:)``, whose decimal text is already
/// canonical.
extension JSONTree {
    /// An integer, in the text canonical JSON gives it.
    public static func integer(_ value: Int64) -> JSONTree {
        .number(String(value))
    }

    /// The canonical text.
    public var canonicalText: String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .string(let value):
            Self.writeString(value, to: &text)
        case .number(let value):
            text += value
        case .bool(let value):
            text += value ? "true" : "false"
        case .null:
            text += "null"
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            // Each name's UTF-16 code units once, then compared as arrays: a large object (the TUF targets of 10,000
            // advisories) sorts several times faster than walking each pair's UTF-16 views in every comparison.
            let sorted = members.map { (units: Array($0.key.utf16), member: $0) }
                .sorted { $0.units.lexicographicallyPrecedes($1.units) }.map(\.member)
            for (index, member) in sorted.enumerated() {
                if index > 0 { text += "," }
                Self.writeString(member.key, to: &text)
                text += ":"
                member.value.write(to: &text)
            }
            text += "}"
        }
    }

    static func writeString(_ value: String, to text: inout String) {
        text += "\""
        // Most strings need no escape at all.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            text += value
            text += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
