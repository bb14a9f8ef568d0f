import Crypto
public import Evaluations
public import Foundation

/// A threshold policy as a designation authority pre-registered it: the policy, its canonical text and that text's
/// SHA-256, committed to the transparency log in a public entry before any result is judged by it. Never edited: a
/// change is a new version. Every verified member may read it (GREEN), so that a developer can assess itself.
public struct RegisteredThresholdPolicy: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<RegisteredThresholdPolicy>

    public let id: ID
    public let policy: ThresholdPolicy
    /// The canonical JSON text of ``policy``: what was hashed.
    public let text: String
    /// The hex SHA-256 of ``text``.
    public let digest: String
    public let registeredBy: Organization.ID
    public let registeredAt: Date

    public init(
        id: ID, policy: ThresholdPolicy, text: String, digest: String, registeredBy: Organization.ID, registeredAt: Date
    ) {
        (self.id, self.policy, self.text, self.digest) = (id, policy, text, digest)
        (self.registeredBy, self.registeredAt) = (registeredBy, registeredAt)
    }

    public var visibility: Visibility {
        Visibility(label: .green, owner: registeredBy)
    }
}

extension RegisteredThresholdPolicy {
    /// Reads a policy document as an authority sends it and fixes its canonical text and digest.
    ///
    /// - Throws: `invalid_field` (`policy`) with what ``ThresholdPolicy/read(_:)`` found wrong.
    public init(
        registering document: Data, id: ID, by organization: Organization.ID, now: Date
    ) throws(ClearinghouseError) {
        let policy: ThresholdPolicy
        do {
            policy = try ThresholdPolicy.read(document)
        } catch {
            throw .invalidField("policy", error.description)
        }
        let text = policy.json.canonicalText
        self.init(
            id: id, policy: policy, text: text, digest: SHA256.hash(data: Data(text.utf8)).hex,
            registeredBy: organization, registeredAt: now)
    }
}
