public import JSONSupport
internal import Yams

extension JSONTree {
    /// Reads a YAML document (OSV records are published as YAML by several databases).
    ///
    /// Plain scalars keep their text: a version written `1.0` stays `1.0`; `null`, `true` and `false` and numbers
    /// resolve as YAML 1.2's core schema says, and timestamps stay text.
    ///
    /// - Throws: `OSVError` saying where the YAML is malformed.
    public init(yaml text: String) throws(OSVError) {
        if let problem = Self.nestingProblem(in: text) { throw OSVError(problem) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw OSVError("The document is not YAML: \(error)")
        }
        guard let node else { throw OSVError("The YAML document is empty.") }
        self = try Self(node)
    }

    /// A bound on how deeply a YAML document may nest, checked line by line before the composer (which recurses)
    /// sees it. Each block level indents by at least one space or adds an indicator (`- `, `? `, `: `) on its line,
    /// and each flow level opens a bracket, so the sum over a line bounds the depth reached on it from above.
    private static func nestingProblem(in text: String) -> String? {
        let limit = JSONNesting.maximumDepth * 2
        var flowDepth = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var estimate = line.prefix { $0 == UInt8(ascii: " ") }.count
            var previous: UInt8 = UInt8(ascii: " ")
            var quote: UInt8?
            scan: for byte in line {
                if let open = quote {
                    if byte == open { quote = nil }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "'")
                    where [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(previous):
                        quote = byte
                    case UInt8(ascii: "#") where previous == UInt8(ascii: " "): break scan
                    case UInt8(ascii: "["), UInt8(ascii: "{"): flowDepth += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
                    case UInt8(ascii: " ")
                    where [UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(previous):
                        estimate += 1
                    default: break
                    }
                }
                previous = byte
            }
            if estimate + flowDepth > limit {
                return "The YAML nests deeper than this reader accepts (about \(JSONNesting.maximumDepth) levels)."
            }
        }
        return nil
    }

    private init(_ node: Node) throws(OSVError) {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain {
                self = .string(scalar.string)
                return
            }
            self = Self.resolvePlain(scalar.string)
        case .sequence(let sequence):
            var values: [JSONTree] = []
            for element in sequence { values.append(try JSONTree(element)) }
            self = .array(values)
        case .mapping(let mapping):
            var members: [String: JSONTree] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { throw OSVError("A YAML mapping key is not text.") }
                members[name] = try JSONTree(value)
            }
            self = .object(members)
        case .alias:
            throw OSVError("YAML aliases are not supported in OSV records.")
        }
    }

    /// YAML 1.2's core schema for plain scalars: null, booleans and numbers; everything else is text.
    private static func resolvePlain(_ text: String) -> JSONTree {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDecimal =
            !digits.isEmpty && parts.count <= 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && parts.contains { !$0.isEmpty }
        return isDecimal ? .number(text) : .string(text)
    }
}
