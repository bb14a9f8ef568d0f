/// The parts of a CycloneDX JSON document (1.2 to 1.6) that components and dependencies are read from.
struct CycloneDXDocument: Decodable {
    struct Component: Decodable {
        let bomRef: String?
        let name: String
        let version: String?
        let purl: String?
        let components: [Component]?

        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref"
            case name, version, purl, components
        }
    }

    struct Metadata: Decodable {
        let component: Component?
    }

    struct Dependency: Decodable {
        let ref: String
        let dependsOn: [String]?
    }

    let bomFormat: String
    let specVersion: String
    let metadata: Metadata?
    let components: [Component]?
    let dependencies: [Dependency]?

    static let supportedVersions: Set<String> = ["1.2", "1.3", "1.4", "1.5", "1.6"]

    func bill() -> SoftwareBill {
        // Depth first, parents before their children, with a stack of its own rather than recursion.
        var pending: [(component: Component, path: String, parent: String?)] = []
        for (index, component) in (self.components ?? []).enumerated().reversed() {
            pending.append((component, "components[\(index)]", nil))
        }
        if let subject = metadata?.component {
            pending.append((subject, "metadata.component", nil))
        }
        var components: [SoftwareBill.Component] = []
        while let (component, path, parent) = pending.popLast() {
            let reference = component.bomRef ?? path
            components.append(
                SoftwareBill.Component(
                    reference: reference, name: component.name, version: component.version, purl: component.purl,
                    parent: parent))
            for (index, child) in (component.components ?? []).enumerated().reversed() {
                pending.append((child, "\(path).components[\(index)]", reference))
            }
        }
        var dependencies: [String: [String]] = [:]
        for dependency in self.dependencies ?? [] {
            dependencies[dependency.ref, default: []] += dependency.dependsOn ?? []
        }
        return SoftwareBill(
            format: .cycloneDX(specVersion), subject: metadata?.component?.name, components: components,
            dependencies: dependencies)
    }
}
