import Mustache

/// How pages escape what they show: every `<`, `>`, `&`, `"` and `'` becomes an entity, scalar by scalar.
///
/// swift-mustache's own HTML escaping compares whole characters, so a quote followed by a combining mark (one
/// character, two scalars) passed through unescaped and could end an attribute. Here each scalar counts. Bidirectional
/// controls (which could make a name read backwards) and other control characters are shown as their code point,
/// inert.
enum PageEscaping {
    /// The content type the templates name in their first line (`{{%CONTENT_TYPE:SAFEHTML}}`).
    static let contentTypeName = "SAFEHTML"

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { PageEscaping.escape(text) }
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case _ where isInvisibleControl(scalar):
                escaped += "[U+" + String(scalar.value, radix: 16, uppercase: true) + "]"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Marks, embeddings, overrides and isolates of the bidirectional algorithm.
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
