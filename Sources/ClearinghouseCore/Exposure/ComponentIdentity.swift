import OSV
public import PackageURL
public import SBOM

/// What an SBOM component is, for matching: an OSV package and version, or why it cannot be matched.
public enum ComponentIdentity: Sendable, Hashable {
    case package(ecosystem: String, name: String, version: String, purl: PackageURL)
    case unmatched(reason: String)

    /// Identifies a component by its Package URL.
    public init(_ component: SoftwareBill.Component) {
        guard let text = component.purl, !text.isEmpty else {
            self = .unmatched(reason: "The component has no purl.")
            return
        }
        let purl: PackageURL
        do {
            purl = try PackageURL(parsing: text)
        } catch {
            self = .unmatched(reason: "The purl `\(text)` is invalid: \(error.message)")
            return
        }
        guard let version = purl.version ?? component.version, !version.isEmpty else {
            self = .unmatched(reason: "The purl `\(text)` has no version, and neither has the component.")
            return
        }
        guard let package = Ecosystem.package(for: purl) else {
            self = .unmatched(reason: "The purl type `\(purl.type)` has no OSV ecosystem to match advisories in.")
            return
        }
        self = .package(ecosystem: package.ecosystem, name: package.name, version: version, purl: purl)
    }
}
