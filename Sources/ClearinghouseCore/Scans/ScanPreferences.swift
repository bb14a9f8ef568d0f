public import PackageURL

/// What a maintainer asks of those who scan its products and report on them: a proof artifact with every finding,
/// no AI agents, and whom to contact. It applies to the products coordinators registered for the maintainer (a
/// vendor); claims and finding intake honour it.
public struct ScanPreferences: Sendable, Hashable {
    public static let maximumContactLength = 200

    public let requiresProof: Bool
    public let allowsAIAgents: Bool
    public let contact: String?

    /// A maintainer's preferences as stored.
    public init(stored requiresProof: Bool, allowsAIAgents: Bool, contact: String?) {
        (self.requiresProof, self.allowsAIAgents, self.contact) = (requiresProof, allowsAIAgents, contact)
    }

    /// Checks preferences as a maintainer publishes them.
    ///
    /// - Throws: `invalid_field` (`contact`) for a contact that is not one line of at most 200 characters.
    public init(requiresProof: Bool, allowsAIAgents: Bool, contact: String?) throws(ClearinghouseError) {
        self.init(
            stored: requiresProof, allowsAIAgents: allowsAIAgents,
            contact: try contact.map { text throws(ClearinghouseError) in
                try TextRules.singleLine(text, field: "contact", maximumLength: Self.maximumContactLength)
            })
    }
}

/// A maintainer's published preferences, with the products they cover.
public struct MaintainerPreferences: Sendable, Hashable {
    public let maintainer: Organization
    public let products: [ProductScope]
    public let preferences: ScanPreferences

    public init(maintainer: Organization, products: [ProductScope], preferences: ScanPreferences) {
        (self.maintainer, self.products, self.preferences) = (maintainer, products, preferences)
    }

    /// Whether these preferences speak for a package.
    public func covers(_ purl: PackageURL) -> Bool {
        products.contains { $0.covers(purl) }
    }

    /// Why a claim goes against the maintainers' preferences, if it does: an AI agent's claim on a package its
    /// maintainers keep AI agents from.
    public static func refusal(of claim: ScanClaim, by maintainers: [MaintainerPreferences]) -> String? {
        guard claim.technique == .aiAgent, case .package(let purl, _) = claim.scope,
            let maintainer = maintainers.first(where: { !$0.preferences.allowsAIAgents && $0.covers(purl) })
        else { return nil }
        return "The maintainers of `\(purl)` (\(maintainer.maintainer.name)) ask that AI agents not scan it\(maintainer.preferences.contact.map { "; contact \($0)" } ?? "")."
    }

    /// Why a finding draft goes against the maintainers' preferences for its package, if it does, with the field at
    /// fault: no proof artifact where one is required, or an AI agent's report where AI agents are not welcome.
    public static func refusal(of draft: FindingDraft, by maintainers: [MaintainerPreferences])
        -> (field: String, reason: String)?
    {
        guard case .package(let purl)? = draft.target else { return nil }
        for maintainer in maintainers where maintainer.covers(purl) {
            let name = maintainer.maintainer.name
            if maintainer.preferences.requiresProof && draft.artifacts.isEmpty {
                return (
                    "artifacts",
                    "The maintainers of `\(purl.name)` (\(name)) ask that every finding cite a proof artifact: upload it with `POST /v1/artifacts` and list it in `artifacts`."
                )
            }
            if !maintainer.preferences.allowsAIAgents && draft.provenance.model != nil {
                return (
                    "provenance.model",
                    "The maintainers of `\(purl.name)` (\(name)) ask for no reports from AI agents\(maintainer.preferences.contact.map { "; contact \($0)" } ?? "")."
                )
            }
        }
        return nil
    }
}
