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
