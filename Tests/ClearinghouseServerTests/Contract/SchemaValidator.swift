import Foundation
import JSONSupport

/// Checks a JSON value against a JSON Schema (draft 2020-12), for the keywords `openapi.json` uses: `$ref` (local),
/// `type`, `const`, `enum`, `properties`, `required`, `additionalProperties`, `items`, `minItems`, `maxItems`,
/// `minLength`, `maxLength`, `pattern`, `minimum`, `maximum`, `minProperties`, `maxProperties`, `oneOf`, `anyOf`,
/// `allOf`, `not`, and the formats `uuid` and
/// `date-time`. A keyword it does not know fails the check, so the contract cannot silently outgrow it.
struct SchemaValidator {
    /// The whole document, which `$ref`s point into.
    let document: JSONTree

    /// The problems found, each as `path: what`; empty when the value conforms.
    func problems(of value: JSONTree, against schema: JSONTree, at path: String = "$") -> [String] {
        guard case .object(let keywords) = schema else {
            if case .bool(let allowed) = schema { return allowed ? [] : ["\(path): nothing is allowed here"] }
            return ["\(path): the schema is not an object"]
        }
        var problems: [String] = []
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case "$ref":
                guard case .string(let reference) = argument, let target = resolve(reference) else {
                    problems.append("\(path): cannot resolve \(argument)")
                    continue
                }
                problems += self.problems(of: value, against: target, at: path)
            case "type":
                let allowed: [String] = if case .string(let single) = argument { [single] } else { argument.strings }
                if !allowed.contains(where: { Self.has(value, type: $0) }) {
                    problems.append("\(path): \(value.typeName), expected \(allowed.joined(separator: " or "))")
                }
            case "const":
                if !Self.equal(value, argument) { problems.append("\(path): must be \(Self.text(argument))") }
            case "enum":
                guard case .array(let options) = argument else { continue }
                if !options.contains(where: { Self.equal(value, $0) }) {
                    problems.append(
                        "\(path): \(Self.text(value)) is not one of \(options.map(Self.text).joined(separator: ", "))")
                }
            case "properties":
                guard case .object(let members) = value, case .object(let properties) = argument else { continue }
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    if let property = properties[name] {
                        problems += self.problems(of: member, against: property, at: "\(path).\(name)")
                    }
                }
            case "required":
                guard case .object(let members) = value else { continue }
                for name in argument.strings where members[name] == nil {
                    problems.append("\(path): `\(name)` is required")
                }
            case "additionalProperties":
                guard case .object(let members) = value else { continue }
                let declared = Set(keywords["properties"].flatMap { properties -> [String]? in
                    if case .object(let members) = properties { Array(members.keys) } else { nil }
                } ?? [])
                for (name, member) in members.sorted(by: { $0.key < $1.key }) where !declared.contains(name) {
                    problems += self.problems(of: member, against: argument, at: "\(path).\(name)")
                }
            case "items":
                guard case .array(let elements) = value else { continue }
                for (index, element) in elements.enumerated() {
                    problems += self.problems(of: element, against: argument, at: "\(path)[\(index)]")
                }
            case "minItems", "maxItems":
                guard case .array(let elements) = value, let bound = Self.number(argument) else { continue }
                if keyword == "minItems" ? Double(elements.count) < bound : Double(elements.count) > bound {
                    problems.append("\(path): \(elements.count) items breaks \(keyword) \(Int(bound))")
                }
            case "minLength", "maxLength":
                guard case .string(let text) = value, let bound = Self.number(argument) else { continue }
                if keyword == "minLength" ? Double(text.count) < bound : Double(text.count) > bound {
                    problems.append("\(path): \(text.count) characters breaks \(keyword) \(Int(bound))")
                }
            case "pattern":
                guard case .string(let text) = value, case .string(let pattern) = argument else { continue }
                if text.range(of: pattern, options: .regularExpression) == nil {
                    problems.append("\(path): \(Self.text(value)) does not match \(pattern)")
                }
            case "minimum", "maximum":
                guard let number = Self.number(value), let bound = Self.number(argument) else { continue }
                if keyword == "minimum" ? number < bound : number > bound {
                    problems.append("\(path): \(number) breaks \(keyword) \(bound)")
                }
            case "format":
                guard case .string(let text) = value, case .string(let format) = argument else { continue }
                if !Self.conforms(text, to: format) { problems.append("\(path): \(Self.text(value)) is not a \(format)") }
            case "oneOf", "anyOf":
                guard case .array(let options) = argument else { continue }
                let matching = options.filter { self.problems(of: value, against: $0, at: path).isEmpty }.count
                if keyword == "oneOf" ? matching != 1 : matching == 0 {
                    problems.append("\(path): matches \(matching) of the \(options.count) schemas of \(keyword)")
                }
            case "not":
                if self.problems(of: value, against: argument, at: path).isEmpty {
                    problems.append("\(path): matches a schema it must not match")
                }
            case "minProperties", "maxProperties":
                guard case .object(let members) = value, let bound = Self.number(argument) else { continue }
                if keyword == "minProperties" ? Double(members.count) < bound : Double(members.count) > bound {
                    problems.append("\(path): \(members.count) members breaks \(keyword) \(Int(bound))")
                }
            case "allOf":
                guard case .array(let options) = argument else { continue }
                for option in options { problems += self.problems(of: value, against: option, at: path) }
            case "description", "examples", "title", "contentEncoding", "contentMediaType", "default", "deprecated",
                "readOnly", "writeOnly", "$comment":
                continue
            default:
                problems.append("\(path): the contract check does not know the keyword `\(keyword)`")
            }
        }
        return problems
    }

    /// The schema a local reference (`#/components/schemas/Case`) names.
    func resolve(_ reference: String) -> JSONTree? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONTree? = document
        for part in reference.dropFirst(2).split(separator: "/") {
            node = node?[String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return node
    }

    static func has(_ value: JSONTree, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object),
            ("number", .number):
            true
        case ("integer", .number(let text)): Double(text).map { $0 == $0.rounded() } ?? false
        default: false
        }
    }

    static func equal(_ lhs: JSONTree, _ rhs: JSONTree) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): Double(a) == Double(b)
        case (.string(let a), .string(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: text(lhs) == text(rhs)
        }
    }

    static func number(_ value: JSONTree) -> Double? {
        if case .number(let text) = value { Double(text) } else { nil }
    }

    static func text(_ value: JSONTree) -> String {
        String(decoding: value.jsonData, as: UTF8.self)
    }

    static func conforms(_ text: String, to format: String) -> Bool {
        switch format {
        case "uuid":
            return UUID(uuidString: text) != nil && text == text.lowercased()
        case "date-time":
            return text.range(
                of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression)
                != nil
        default:
            return true
        }
    }
}
