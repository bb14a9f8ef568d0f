/// A software bill of materials, reduced to what vulnerability matching needs: its components (nested ones
/// flattened, each with its parent), their Package URLs and versions, and the dependency graph.
public struct SoftwareBill: Sendable, Hashable {
    /// The format and version a document was written in.
    public enum Format: Sendable, Hashable, CustomStringConvertible {
        case cycloneDX(String)
        case spdx(String)

        public var description: String {
            switch self {
            case .cycloneDX(let version): "CycloneDX \(version)"
            case .spdx(let version): "SPDX \(version)"
            }
        }
    }

    /// One component (CycloneDX) or package (SPDX).
    public struct Component: Sendable, Hashable {
        /// The component's reference inside the document: its `bom-ref` or `SPDXID`, or its path
        /// (`components[3].components[0]`) when it has none.
        public let reference: String
        public let name: String
        public let version: String?
        /// The Package URL as written, if any.
        public let purl: String?
        /// The component that contains this one, for nested components.
        public let parent: String?

        public init(reference: String, name: String, version: String?, purl: String?, parent: String?) {
            self.reference = reference
            self.name = name
            self.version = version
            self.purl = purl
            self.parent = parent
        }
    }

    public let format: Format
    /// What the document describes (CycloneDX `metadata.component`, SPDX `name`), if it says.
    public let subject: String?
    public let components: [Component]
    /// For each reference, the references it depends on.
    public let dependencies: [String: [String]]

    public init(format: Format, subject: String?, components: [Component], dependencies: [String: [String]]) {
        self.format = format
        self.subject = subject
        self.components = components
        self.dependencies = dependencies
    }
}
