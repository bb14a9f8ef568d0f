public import Foundation

extension DecodingError {
    /// What is wrong, naming the field by its path (`runs[0].results[2].message`): for messages that tell the
    /// sender of a document what to fix.
    public var fieldDescription: String {
        switch self {
        case .keyNotFound(let key, let context):
            let parent = Self.path(context.codingPath)
            return "`\(parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)")` is required"
        case .typeMismatch(let type, let context):
            return "`\(Self.path(context.codingPath))` must be \(Self.jsonType(type))"
        case .valueNotFound(let type, let context):
            return "`\(Self.path(context.codingPath))` must be \(Self.jsonType(type)), not null"
        case .dataCorrupted(let context):
            guard !context.codingPath.isEmpty else { return "the JSON text is malformed" }
            let reason = context.debugDescription.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            return "`\(Self.path(context.codingPath))` is malformed" + (reason.isEmpty ? "" : " (\(reason))")
        @unknown default:
            return "\(self)"
        }
    }

    /// The path of the field at fault, when the error names one.
    public var fieldPath: String? {
        let path: String
        switch self {
        case .keyNotFound(let key, let context): path = Self.path(context.codingPath + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = Self.path(context.codingPath)
        @unknown default: return nil
        }
        return path.isEmpty ? nil : path
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { text, key in
            if let index = key.intValue { return "\(text)[\(index)]" }
            return text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)"
        }
    }

    /// A Swift type as the JSON type it decodes from.
    private static func jsonType(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Int.self { return "an integer" }
        if type == Bool.self { return "true or false" }
        if type == Double.self { return "a number" }
        let name = "\(type)"
        if name.hasPrefix("Dictionary") { return "an object" }
        if name.hasPrefix("Array") { return "an array" }
        return "a JSON value of another type"
    }
}
