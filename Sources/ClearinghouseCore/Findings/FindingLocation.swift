import JSONSupport

/// A place in source or binary code that a finding points at.
public struct FindingLocation: Sendable, Hashable {
    /// The file, relative to the project's root where the tool said so.
    public var path: String?
    public var startLine: Int?
    public var startColumn: Int?
    public var endLine: Int?
    public var endColumn: Int?
    /// The function or method (a SARIF logical location).
    public var function: String?

    public init(
        path: String? = nil, startLine: Int? = nil, startColumn: Int? = nil, endLine: Int? = nil,
        endColumn: Int? = nil, function: String? = nil
    ) {
        self.path = path
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
        self.function = function
    }

    /// Whether the location names anything at all.
    public var isEmpty: Bool { path == nil && function == nil }
}

/// As the finding document writes a location: snake_case, unknown fields refused.
extension FindingLocation: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case path, function
        case startLine = "start_line"
        case startColumn = "start_column"
        case endLine = "end_line"
        case endColumn = "end_column"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            path: try container.decodeIfPresent(String.self, forKey: .path),
            startLine: try container.decodeIfPresent(Int.self, forKey: .startLine),
            startColumn: try container.decodeIfPresent(Int.self, forKey: .startColumn),
            endLine: try container.decodeIfPresent(Int.self, forKey: .endLine),
            endColumn: try container.decodeIfPresent(Int.self, forKey: .endColumn),
            function: try container.decodeIfPresent(String.self, forKey: .function))
    }
}
