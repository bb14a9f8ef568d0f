public import Foundation

/// An AI model a developer registers with the voluntary framework, to ask whether it meets the designation of a
/// covered frontier model and to share it before release. Confidential: only the developer and the designation
/// authorities see it (RED, so coordinators do not).
///
/// The framework never gates a release: the developer records the release whenever it happens, whatever any
/// determination says, and may withdraw from the framework at any stage; a withdrawn model's record stays.
public struct FrontierModel: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<FrontierModel>

    public static let maximumNameLength = 200
    public static let maximumVersionLength = 100

    /// How carefully the model's weights, outputs and documents are handled by everyone given access.
    public enum Confidentiality: String, Sendable, Hashable, CaseIterable {
        /// Confidential business information.
        case confidential
        /// Commercially and security sensitive: named people only, no copies off the evaluator's systems.
        case restricted
        /// Its loss would harm national security: the evaluator's most protected environment.
        case critical
    }

    public let id: ID
    public let developer: Organization.ID
    public let name: String
    public let version: String
    public let plannedReleaseAt: Date?
    public let confidentiality: Confidentiality
    public let registeredAt: Date
    /// When the developer says the model was released; recorded whatever any determination says.
    public var releasedAt: Date?
    /// When the developer withdrew the model from the framework; its record stays.
    public var withdrawnAt: Date?

    /// A model as it was stored.
    public init(
        id: ID, developer: Organization.ID, name: String, version: String, plannedReleaseAt: Date?,
        confidentiality: Confidentiality, registeredAt: Date, releasedAt: Date?, withdrawnAt: Date?
    ) {
        (self.id, self.developer, self.name, self.version) = (id, developer, name, version)
        (self.plannedReleaseAt, self.confidentiality, self.registeredAt) =
            (plannedReleaseAt, confidentiality, registeredAt)
        (self.releasedAt, self.withdrawnAt) = (releasedAt, withdrawnAt)
    }

    /// Checks a registration as a developer sends it.
    ///
    /// - Throws: `invalid_field` naming the field: a name or version that is not one line of the allowed length.
    public init(
        registering name: String, version: String, plannedReleaseAt: Date?, confidentiality: Confidentiality,
        id: ID, developer: Organization.ID, now: Date
    ) throws(ClearinghouseError) {
        self.init(
            id: id, developer: developer,
            name: try TextRules.singleLine(name, field: "name", maximumLength: Self.maximumNameLength),
            version: try TextRules.singleLine(version, field: "version", maximumLength: Self.maximumVersionLength),
            plannedReleaseAt: plannedReleaseAt, confidentiality: confidentiality, registeredAt: now, releasedAt: nil,
            withdrawnAt: nil)
    }

    /// Who may see the model: its developer and the designation authorities, with an analyst or admin token.
    public func visibility(authorities: Set<Organization.ID>) -> Visibility {
        Visibility(label: .red, owner: developer, participants: authorities)
    }

    /// The model with its release recorded. A release is a fact the developer reports: nothing in the framework
    /// (no determination, window or request) is asked first, and recording it again keeps the first date.
    public func released(at date: Date) -> FrontierModel {
        var model = self
        model.releasedAt = releasedAt ?? date
        return model
    }

    /// The model withdrawn from the framework; withdrawing again keeps the first date.
    public func withdrawn(at date: Date) -> FrontierModel {
        var model = self
        model.withdrawnAt = withdrawnAt ?? date
        return model
    }
}
