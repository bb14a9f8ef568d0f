import ClearinghouseCore
import TLP
import Testing

/// The read rules of `docs/access-policy.md`, as a table, checked over every role × organization kind × label ×
/// participation × verification.
@Suite struct AccessPolicyReadTests {
    /// Who is asking, as the table's columns see it.
    enum Relation: CaseIterable {
        case listedReader, listedAnalystOrAdmin, verifiedCoordinator, verifiedMember, unverifiedMember, anonymous
    }

    /// Whether each relation may read a record of each label. Y = may read, N = may not.
    static let table: [TLPLabel: [Relation: Bool]] = {
        let rows: [(TLPLabel, String)] = [
            //                listedReader listedOther coordinator verifiedMember unverifiedMember anonymous
            (.clear, /*    */ "Y Y Y Y Y Y"),
            (.green, /*    */ "Y Y Y Y N N"),
            (.amber, /*    */ "Y Y Y N N N"),
            (.amberStrict, "Y Y Y N N N"),
            (.red, /*      */ "N Y N N N N"),
        ]
        var table: [TLPLabel: [Relation: Bool]] = [:]
        for (label, cells) in rows {
            let values = cells.split(separator: " ").map { $0 == "Y" }
            table[label] = Dictionary(uniqueKeysWithValues: zip(Relation.allCases, values))
        }
        return table
    }()

    enum Participation: CaseIterable {
        case owner, participant, none
    }

    static func relation(
        kind: OrganizationKind, verified: Bool, role: TokenRole, participation: Participation
    ) -> Relation {
        if participation != .none {
            return role == .reader ? .listedReader : .listedAnalystOrAdmin
        }
        if kind == .coordinator && verified {
            return .verifiedCoordinator
        }
        return verified ? .verifiedMember : .unverifiedMember
    }

    @Test(arguments: TLPLabel.allCases)
    func everyMemberCombinationFollowsTheTable(label: TLPLabel) {
        let policy = AccessPolicy()
        let holder = Fixtures.organization(.vendor)
        var checked = 0
        for kind in OrganizationKind.allCases {
            for verified in [true, false] {
                for role in TokenRole.allCases {
                    for participation in Participation.allCases {
                        let organization = Fixtures.organization(kind, verified: verified)
                        let member = Fixtures.member(organization, role: role)
                        let visibility =
                            switch participation {
                            case .owner: Visibility(label: label, owner: organization.id)
                            case .participant:
                                Visibility(label: label, owner: holder.id, participants: [organization.id])
                            case .none: Visibility(label: label, owner: holder.id, participants: [holder.id])
                            }
                        let expected = Self.table[label]![
                            Self.relation(kind: kind, verified: verified, role: role, participation: participation)]!
                        let decision = policy.read(visibility, by: .member(member))
                        #expect(
                            decision.isGranted == expected,
                            "\(label) \(kind) verified=\(verified) \(role) \(participation): \(decision)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == OrganizationKind.allCases.count * 2 * TokenRole.allCases.count * 3)
    }

    @Test(arguments: TLPLabel.allCases)
    func anonymousCallersFollowTheTable(label: TLPLabel) {
        let holder = Fixtures.organization(.vendor)
        let decision = AccessPolicy().read(Visibility(label: label, owner: holder.id), by: .anonymous)
        #expect(decision.isGranted == Self.table[label]![.anonymous]!)
    }

    @Test func decisionsSayWhy() {
        let policy = AccessPolicy()
        let coordinator = Fixtures.member(Fixtures.organization(.coordinator), role: .analyst)
        let researcher = Fixtures.member(Fixtures.organization(.researcher), role: .admin)
        let unverified = Fixtures.member(Fixtures.organization(.operator, verified: false), role: .admin)
        let holder = Fixtures.organization(.vendor).id

        #expect(policy.read(Visibility(label: .clear, owner: holder), by: .anonymous) == .granted(.publicRecord))
        #expect(
            policy.read(Visibility(label: .amber, owner: holder), by: .member(coordinator))
                == .granted(.coordinatorOversight))
        #expect(
            policy.read(Visibility(label: .red, owner: holder), by: .member(coordinator))
                == .denied(.notOnNeedToKnowList))
        #expect(
            policy.read(Visibility(label: .green, owner: holder), by: .member(unverified))
                == .denied(.unverifiedOrganization))
        #expect(policy.read(Visibility(label: .green, owner: holder), by: .member(researcher)) == .granted(.community))
        #expect(
            policy.read(Visibility(label: .amber, owner: holder), by: .anonymous) == .denied(.authenticationRequired))
    }

    @Test func redExcludesReaderTokensEvenOfTheOwner() {
        let owner = Fixtures.organization(.aiDeveloper)
        let reader = Fixtures.member(owner, role: .reader)
        #expect(
            AccessPolicy().read(Visibility(label: .red, owner: owner.id), by: .member(reader))
                == .denied(.redNeedsIndividual))
    }

    @Test func artifactsAreReadByTheirUploadersAndThoseWhoMayReadAFindingCitingThem() {
        let policy = AccessPolicy()
        let researcher = Fixtures.organization(.researcher)
        let vendor = Fixtures.organization(.vendor)
        let stranger = Fixtures.organization(.vendor)
        let coordinator = Fixtures.organization(.coordinator)
        let citing = Visibility(label: .amberStrict, owner: researcher.id, participants: [vendor.id])
        let redCiting = Visibility(label: .red, owner: researcher.id, participants: [vendor.id])
        func decision(_ organization: Organization, findings: [Visibility], role: TokenRole = .analyst)
            -> AccessDecision
        {
            policy.readArtifact(
                uploadedBy: [researcher.id], citedBy: findings,
                by: .member(Fixtures.member(organization, role: role)))
        }
        #expect(decision(researcher, findings: []) == .granted(.needToKnow))
        #expect(decision(researcher, findings: [], role: .reader) == .granted(.needToKnow))
        // Cited under RED, the proof is RED to its uploaders' reader tokens too, unless another citation opens it.
        #expect(decision(researcher, findings: [redCiting], role: .reader) == .denied(.redNeedsIndividual))
        #expect(decision(researcher, findings: [redCiting]) == .granted(.needToKnow))
        #expect(decision(researcher, findings: [redCiting, citing], role: .reader) == .granted(.needToKnow))
        #expect(decision(vendor, findings: []) == .denied(.notOnNeedToKnowList))
        #expect(decision(vendor, findings: [citing]) == .granted(.needToKnow))
        #expect(decision(stranger, findings: [citing]) == .denied(.notOnNeedToKnowList))
        // Coordinators read an artifact only through a finding whose label lets them: never one nobody cites, never
        // one cited only under RED.
        #expect(decision(coordinator, findings: []) == .denied(.notOnNeedToKnowList))
        #expect(decision(coordinator, findings: [citing], role: .reader) == .granted(.coordinatorOversight))
        #expect(decision(coordinator, findings: [redCiting], role: .reader) == .denied(.notOnNeedToKnowList))
        #expect(
            policy.readArtifact(uploadedBy: [researcher.id], citedBy: [citing], by: .anonymous)
                == .denied(.authenticationRequired))
    }

    /// The read scope a store filters lists with says what ``AccessPolicy/read(_:by:)`` says, label by label, for
    /// records of another organization that do not list the party; and it names the party's own organization.
    @Test func theReadScopeAgreesWithTheReadRule() {
        let policy = AccessPolicy()
        let other = Fixtures.organization(.vendor)
        for kind in OrganizationKind.allCases {
            for verified in [true, false] {
                for role in TokenRole.allCases {
                    let member = Fixtures.member(Fixtures.organization(kind, verified: verified), role: role)
                    let scope = policy.scope(for: .member(member))
                    #expect(scope.organization == member.organizationID)
                    for label in TLPLabel.allCases {
                        let granted = policy.read(Visibility(label: label, owner: other.id), by: .member(member)).isGranted
                        #expect(scope.labels.contains(label) == granted, "\(kind) verified=\(verified) \(role) \(label)")
                    }
                }
            }
        }
        #expect(policy.scope(for: .anonymous).labels == [.clear])
    }
}

