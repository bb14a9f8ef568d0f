public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var reporters: ReporterRepository { ReporterRepository(database: database) }
}

/// Reporters' quality figures and the intake policies coordinators set for them.
public struct ReporterRepository: Sendable {
    let database: any SQLDatabase

    /// An organization's figures, with `now` bounding the last 24 hours.
    public func quality(of organization: Organization.ID, now: Date) async throws -> ReporterQuality {
        let id = organization.rawValue
        let dayAgo = Timestamp.microseconds(now.addingTimeInterval(-86_400))
        let counts = try await database.raw(
            """
            SELECT
              (SELECT COUNT(*) FROM findings WHERE organization_id = \(bind: id)) AS findings,
              (SELECT COUNT(*) FROM findings WHERE organization_id = \(bind: id) AND reported_at >= \(bind: dayAgo)) AS recent,
              (SELECT COALESCE(SUM(CASE WHEN fingerprints = '' THEN 0
                                   ELSE LENGTH(fingerprints) - LENGTH(REPLACE(fingerprints, ' ', '')) + 1 END), 0)
                 FROM findings WHERE organization_id = \(bind: id) AND reported_at >= \(bind: dayAgo)) AS recent_fingerprints,
              (SELECT COUNT(*) FROM cases WHERE owner_organization_id = \(bind: id)) AS opened,
              (SELECT COUNT(DISTINCT c.id) FROM cases c JOIN case_transitions t ON t.case_id = c.id
               WHERE c.owner_organization_id = \(bind: id) AND t.to_state = 'validated' AND c.state <> 'rejected') AS validated,
              (SELECT COUNT(*) FROM cases
               WHERE owner_organization_id = \(bind: id) AND state = 'rejected') AS rejected
            """
        ).first()
        guard let counts else {
            return ReporterQuality(findings: 0, recentFindings: 0, casesOpened: 0, validated: 0, rejected: 0)
        }
        return ReporterQuality(
            findings: try counts.decode(column: "findings", as: Int.self),
            recentFindings: try counts.decode(column: "recent", as: Int.self),
            recentFingerprints: try counts.decode(column: "recent_fingerprints", as: Int.self),
            casesOpened: try counts.decode(column: "opened", as: Int.self),
            validated: try counts.decode(column: "validated", as: Int.self),
            rejected: try counts.decode(column: "rejected", as: Int.self))
    }

    /// The policy a coordinator set for an organization; the empty policy when none was set.
    public func policy(of organization: Organization.ID) async throws -> IntakePolicy {
        guard
            let row = try await database.select().columns("daily_quota", "precision_floor").from("intake_policies")
                .where("organization_id", .equal, organization.rawValue).first()
        else { return IntakePolicy() }
        return IntakePolicy(
            dailyQuota: try row.decode(column: "daily_quota", as: Int?.self),
            precisionFloor: try row.decode(column: "precision_floor", as: Double?.self))
    }

    /// Sets an organization's policy.
    public func setPolicy(_ policy: IntakePolicy, of organization: Organization.ID, at date: Date) async throws {
        try await database.delete(from: "intake_policies").where("organization_id", .equal, organization.rawValue)
            .run()
        try await database.insert(
            [[organization.rawValue, policy.dailyQuota, policy.precisionFloor, Timestamp.microseconds(date)]],
            into: "intake_policies", columns: ["organization_id", "daily_quota", "precision_floor", "updated_at"])
    }
}
