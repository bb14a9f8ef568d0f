public import Foundation
public import JSONSupport
public import TLP

/// The events that go to the transparency log, built from domain values.
///
/// Every event that matters to third parties is logged. Events about confidential records are logged as
/// commitments, revealed later by those the record's visibility allows.
extension LogEntryDraft {
    /// A coordinator verified an organization's identity.
    public static func organizationVerified(
        _ organization: Organization, note: String?, dependencies: Dependencies
    ) -> LogEntryDraft {
        var event: [String: JSONTree] = [
            "organization": organization.logSummary,
            "verified_at": .string(timestamp(organization.verification.verifiedAt ?? dependencies.now())),
            "verified_by": organization.verification.verifiedBy.map { .string($0.rawValue) } ?? .null,
        ]
        if let note {
            event["note"] = .string(note)
        }
        return .confidential(
            kind: AuditAction.organizationVerify.rawValue, event: .object(event),
            visibility: organization.visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// An organization's token was minted by another organization (a coordinator): an access grant, revealed to the
    /// organization it acts for and to coordinators. The secret is never logged, only its public prefix.
    public static func tokenGranted(
        _ token: APIToken, by minter: Organization.ID, dependencies: Dependencies
    ) -> LogEntryDraft {
        let event: [String: JSONTree] = [
            "organization_id": .string(token.organizationID.rawValue),
            "token_id": .string(token.id.rawValue),
            "prefix": .string(token.prefix),
            "role": .string(token.role.rawValue),
            "expires_at": .string(timestamp(token.expiresAt)),
            "granted_by": .string(minter.rawValue),
        ]
        return .confidential(
            kind: AuditAction.tokenCreate.rawValue, event: .object(event),
            visibility: Visibility(label: .amberStrict, owner: token.organizationID),
            time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// A coordinator registered the products a vendor's VEX statements may speak of for everyone: a grant of
    /// influence over others' exposure, revealed to the vendor and coordinators.
    public static func vendorProductsSet(
        _ scopes: [ProductScope], of organization: Organization, by coordinator: Organization.ID?,
        dependencies: Dependencies
    ) -> LogEntryDraft {
        let event: [String: JSONTree] = [
            "organization_id": .string(organization.id.rawValue),
            "products": .array(scopes.map { .string($0.description) }),
            "registered_by": coordinator.map { .string($0.rawValue) } ?? .null,
        ]
        return .confidential(
            kind: AuditAction.vendorProductsSet.rawValue, event: .object(event), visibility: organization.visibility,
            time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// The instance was bootstrapped with its first coordinator organization.
    public static func instanceBootstrapped(
        _ organization: Organization, dependencies: Dependencies
    )
        -> LogEntryDraft
    {
        .confidential(
            kind: AuditAction.instanceBootstrap.rawValue,
            event: .object(["organization": organization.logSummary]), visibility: organization.visibility,
            time: dependencies.now(), salt: dependencies.randomBytes(32))
    }
}

extension Organization {
    /// What the log commits to about an organization: who it is, not how to reach it.
    var logSummary: JSONTree {
        var summary: [String: JSONTree] = [
            "id": .string(id.rawValue), "name": .string(name), "kind": .string(kind.rawValue),
        ]
        if let sector {
            summary["sector"] = .string(sector.rawValue)
        }
        return .object(summary)
    }
}

extension LogEntryDraft {
    /// A reporter opened cases: first-finder credit, timestamped. A commitment, revealed to those who may see the
    /// cases; later reporters of the same vulnerability cannot claim to have been first.
    ///
    /// - Parameters:
    ///   - cases: The cases the submission opened.
    ///   - findings: The submission's findings, of which those that opened a case are committed to.
    public static func findingsReported(
        cases: [Case], findings: [Finding], label: TLPLabel, reporter: Organization.ID, dependencies: Dependencies
    ) -> LogEntryDraft {
        let opening = Dictionary(uniqueKeysWithValues: cases.map { ($0.firstFinding, $0.id) })
        let credited: [JSONTree] = findings.compactMap { finding in
            guard let caseID = opening[finding.id] else { return nil }
            return .object([
                "case_id": .string(caseID.rawValue), "finding_id": .string(finding.id.rawValue),
                "title": .string(finding.draft.title),
                "fingerprints": .array(finding.fingerprints.map { .string($0.key) }),
            ])
        }
        let event = JSONTree.object([
            "reporter": .string(reporter.rawValue),
            "reported_at": .string(timestamp(dependencies.now())),
            "credited": .array(credited),
        ])
        return .confidential(
            kind: AuditAction.findingSubmit.rawValue, event: event,
            visibility: Visibility(label: label, owner: reporter), time: dependencies.now(),
            salt: dependencies.randomBytes(32))
    }
}

extension LogEntryDraft {
    /// A case changed state. A commitment, revealed to those who may see the case.
    public static func caseTransitioned(
        _ transition: CaseTransition, of target: Case, dependencies: Dependencies
    ) -> LogEntryDraft {
        var details: [String: JSONTree] = [
            "to": .string(transition.to.rawValue),
            "by": transition.actor.organizationID.map { .string($0.rawValue) } ?? .null,
        ]
        details["from"] = transition.from.map { .string($0.rawValue) } ?? .null
        details["reason"] = transition.reason.map(JSONTree.string) ?? .null
        return caseChanged(
            .caseTransition, target, details: details, at: transition.occurredAt, dependencies: dependencies)
    }
}

extension LogEntryDraft {
    /// A validator attested a job's result: the signed statement, its signature and key, committed so that the
    /// validation can be shown later to whoever may see the case.
    public static func attested(
        _ attestation: Attestation, of target: Case, dependencies: Dependencies
    ) -> LogEntryDraft {
        let event = JSONTree.object([
            "statement": .string(attestation.statement.canonicalText),
            "signature": .string(attestation.signature.base64EncodedString()),
            "key_id": .string(attestation.keyID),
            "at": .string(timestamp(attestation.submittedAt)),
        ])
        return .confidential(
            kind: AuditAction.validationAttest.rawValue, event: event, visibility: target.visibility,
            time: attestation.submittedAt, salt: dependencies.randomBytes(32))
    }
}

extension LogEntryDraft {
    /// Something done to a case (a transition, who may know of it, a merge, a split), as a commitment revealable
    /// by those who may see the case.
    ///
    /// - Parameters:
    ///   - action: What was done (`case.participant_add`, `case.merge`, `case.split`).
    ///   - details: The event's own fields, besides the case and the time.
    ///   - time: When it happened; now when not given.
    public static func caseChanged(
        _ action: AuditAction, _ target: Case, details: [String: JSONTree], at time: Date? = nil,
        dependencies: Dependencies
    ) -> LogEntryDraft {
        let time = time ?? dependencies.now()
        var event = details
        event["case_id"] = .string(target.id.rawValue)
        event["at"] = .string(timestamp(time))
        return .confidential(
            kind: action.rawValue, event: .object(event), visibility: target.visibility, time: time,
            salt: dependencies.randomBytes(32))
    }
}
