import JSONSupport

/// The parts of a SARIF 2.1.0 log (OASIS, `sarif-schema-2.1.0.json`) that findings are made of, as the JSON
/// spells them. Everything else in a log is read past.
struct SARIFDocument: Decodable {
    let version: String
    /// `null` when the tool failed to start (SARIF §3.13.4).
    let runs: [Run]?

    struct Run: Decodable {
        let tool: Tool
        let results: [Result]?
        let taxonomies: [ToolComponent]?
    }

    struct Tool: Decodable {
        let driver: ToolComponent
        let extensions: [ToolComponent]?
    }

    struct ToolComponent: Decodable {
        let name: String
        let version: String?
        let semanticVersion: String?
        let rules: [Rule]?
        let taxa: [Rule]?
    }

    /// A `reportingDescriptor`: a rule of the tool, or a taxon of a taxonomy such as CWE.
    struct Rule: Decodable {
        let id: String
        let name: String?
        let messageStrings: [String: Message]?
        let relationships: [Relationship]?
        let defaultConfiguration: Configuration?
        let properties: [String: JSONTree]?
    }

    struct Configuration: Decodable {
        let level: String?
    }

    struct Relationship: Decodable {
        let target: Reference
    }

    /// A `reportingDescriptorReference`, with the tool component it belongs to.
    struct Reference: Decodable {
        let id: String?
        let index: Int?
        let toolComponent: ComponentReference?
    }

    struct ComponentReference: Decodable {
        let name: String?
        let index: Int?
    }

    struct Message: Decodable {
        let text: String?
        let markdown: String?
        let id: String?
        let arguments: [String]?
    }

    struct Result: Decodable {
        let ruleId: String?
        let ruleIndex: Int?
        let rule: Reference?
        let level: String?
        let kind: String?
        let message: Message
        let locations: [Location]?
        let fingerprints: [String: String]?
        let partialFingerprints: [String: String]?
        let taxa: [Reference]?
        let codeFlows: [CodeFlow]?
        let stacks: [Stack]?
        let properties: [String: JSONTree]?
    }

    struct Location: Decodable {
        let physicalLocation: PhysicalLocation?
        let logicalLocations: [LogicalLocation]?
        let message: Message?
    }

    struct PhysicalLocation: Decodable {
        let artifactLocation: ArtifactLocation?
        let region: Region?
    }

    struct ArtifactLocation: Decodable {
        let uri: String?
        let uriBaseId: String?
        let index: Int?
    }

    struct Region: Decodable {
        let startLine: Int?
        let startColumn: Int?
        let endLine: Int?
        let endColumn: Int?
        let byteOffset: Int?
        let charOffset: Int?
    }

    struct LogicalLocation: Decodable {
        let name: String?
        let fullyQualifiedName: String?
    }

    struct CodeFlow: Decodable {
        let threadFlows: [ThreadFlow]
    }

    struct ThreadFlow: Decodable {
        let locations: [ThreadFlowLocation]
    }

    struct ThreadFlowLocation: Decodable {
        let location: Location?
    }

    struct Stack: Decodable {
        let frames: [Frame]
    }

    struct Frame: Decodable {
        let location: Location?
    }
}
