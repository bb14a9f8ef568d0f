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
        var components: [SoftwareBill.Component] = []
        func add(_ component: Component, path: String, parent: String?) {
            let reference = component.bomRef ?? path
            components.append(
                SoftwareBill.Component(
                    reference: reference, name: component.name, version: component.version, purl: component.purl,
                    parent: parent))
            for (index, child) in (component.components ?? []).enumerated() {
                add(child, path: "\(path).components[\(index)]", parent: reference)
            }
        }
        if let subject = metadata?.component {
            add(subject, path: "metadata.component", parent: nil)
        }
        for (index, component) in (self.components ?? []).enumerated() {
            add(component, path: "components[\(index)]", parent: nil)
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
