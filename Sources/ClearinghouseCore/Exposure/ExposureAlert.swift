public import Foundation
public import JSONSupport

/// A notice to an organization that a component of one of its SBOMs is affected, and what to do. Before the case is
/// published (`embargoed`), it says only that: not the case, its title, its reporter or anyone else alerted. Once
/// published, it names the advisory.
public struct ExposureAlert: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ExposureAlert>

    public enum Kind: String, Sendable, Hashable {
        /// Sent by a coordinator while the case is under embargo.
        case embargoed
        /// Sent when the case was published.
        case published
    }

    public static let maximumInstructionsLength = 2_000

    public let id: ID
    public let kind: Kind
    public let organization: Organization.ID
    public let sbom: SBOMRecord.ID
    public let asset: String
    /// The affected component, as a purl with its version.
    public let component: String
    public let instructions: String
    /// The case it comes from: kept for the clearinghouse, never shown to the organization alerted.
    public let caseID: Case.ID
    /// The advisory, once published.
    public let advisory: AdvisoryID?
    public let createdAt: Date

    public init(
        id: ID, kind: Kind, organization: Organization.ID, sbom: SBOMRecord.ID, asset: String, component: String,
        instructions: String, caseID: Case.ID, advisory: AdvisoryID?, createdAt: Date
    ) {
        (self.id, self.kind, self.organization, self.sbom, self.asset) = (id, kind, organization, sbom, asset)
        (self.component, self.instructions, self.caseID, self.advisory, self.createdAt) =
            (component, instructions, caseID, advisory, createdAt)
    }

    /// Who may read it: the organization alerted (and coordinators, who sent it), as its SBOM.
    public var visibility: Visibility { SBOMRecord.visibility(of: organization) }

    /// Checks what a coordinator tells the organizations to do.
    ///
    /// - Throws: `invalid_field` (`instructions`) for empty text, text over 2,000 characters, or NUL.
    public static func checkedInstructions(_ text: String) throws(ClearinghouseError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= maximumInstructionsLength, !trimmed.contains("\0") else {
            throw .invalidField(
                "instructions",
                "`instructions` says what to do (isolate, upgrade, watch for), in 1 to \(maximumInstructionsLength) characters."
            )
        }
        return trimmed
    }
}

extension WebhookEvent {
    /// An alert, to its organization alone: the component, the SBOM, what to do and, once published, the advisory.
    public static func exposureAlert(_ alert: ExposureAlert) -> Self {
        var data: [String: JSONTree] = [
            "alert_id": .string(alert.id.rawValue),
            "kind": .string(alert.kind.rawValue),
            "sbom_id": .string(alert.sbom.rawValue),
            "asset": .string(alert.asset),
            "component": .string(alert.component),
            "instructions": .string(alert.instructions),
        ]
        if let advisory = alert.advisory { data["advisory_id"] = .string(advisory.description) }
        return WebhookEvent(
            type: .exposureAlert, audience: .organizations([alert.organization]), data: data, at: alert.createdAt)
    }
}

extension AuditAction {
    /// Organizations whose SBOMs a case affects were alerted.
    public static let exposureAlert = AuditAction(rawValue: "exposure.alert")
}
