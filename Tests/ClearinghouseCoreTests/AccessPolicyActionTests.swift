import ClearinghouseCore
import Testing

/// Who may perform which action, over every organization kind × verification × role × own or other organization.
@Suite struct AccessPolicyActionTests {
    let policy = AccessPolicy()

    @Test func anonymousCallersMayDoNothing() {
        let someone = Fixtures.organization(.vendor)
        let token = Fixtures.member(someone, role: .admin).token!
        for action in [
            Action.createOrganization, .verifyOrganization, .manageTokens(of: someone.id),
            .revokeToken(token.id, of: someone.id), .readAudit, .importAdvisories, .manageSBOMs(of: someone.id),
            .publishVEX(of: someone.id), .readAdvisoryExposure, .importThreatFeeds,
            .decideSSVC(about: Visibility(label: .clear, owner: nil)),
        ] {
            #expect(policy.authorize(action, by: .anonymous) == .denied(.authenticationRequired))
        }
    }

    @Test(arguments: [Action.createOrganization, .verifyOrganization])
    func onlyVerifiedCoordinatorAdminsManageOrganizations(action: Action) {
        for kind in OrganizationKind.allCases {
            for verified in [true, false] {
                for role in TokenRole.allCases {
                    let member = Fixtures.member(Fixtures.organization(kind, verified: verified), role: role)
                    let decision = policy.authorize(action, by: .member(member))
                    let expected = kind == .coordinator && verified && role == .admin
                    #expect(decision.isGranted == expected, "\(kind) verified=\(verified) \(role): \(decision)")
                }
            }
        }
    }

    @Test func tokensAreManagedByTheirOrganizationsAdminsAndByCoordinatorAdmins() {
        let target = Fixtures.organization(.operator)
        for kind in OrganizationKind.allCases {
            for verified in [true, false] {
                for role in TokenRole.allCases {
                    for own in [true, false] {
                        let organization =
                            own
                            ? Fixtures.organization(kind, verified: verified, id: target.id)
                            : Fixtures.organization(kind, verified: verified)
                        let member = Fixtures.member(organization, role: role)
                        let decision = policy.authorize(.manageTokens(of: target.id), by: .member(member))
                        let expected = role == .admin && (own || (kind == .coordinator && verified))
                        #expect(decision.isGranted == expected, "\(kind) verified=\(verified) \(role) own=\(own)")
                    }
                }
            }
        }
    }

    @Test func anyRoleMayRevokeItsOwnTokenButNotAnother() {
        let organization = Fixtures.organization(.researcher)
        let reader = Fixtures.member(organization, role: .reader)
        let colleague = Fixtures.member(organization, role: .analyst).token!
        #expect(
            policy.authorize(.revokeToken(reader.token!.id, of: organization.id), by: .member(reader))
                == .granted(.ownToken))
        #expect(
            policy.authorize(.revokeToken(colleague.id, of: organization.id), by: .member(reader))
                == .denied(.insufficientRole))
        let admin = Fixtures.member(organization, role: .admin)
        #expect(policy.authorize(.revokeToken(colleague.id, of: organization.id), by: .member(admin)).isGranted)
        let outsider = Fixtures.member(Fixtures.organization(.vendor), role: .admin)
        #expect(
            policy.authorize(.revokeToken(colleague.id, of: organization.id), by: .member(outsider))
                == .denied(.otherOrganization))
    }

    @Test(arguments: [Action.readAudit, .importAdvisories, .importThreatFeeds, .readAdvisoryExposure])
    func auditAndImportsAreForCoordinatorAnalystsAndAdmins(action: Action) {
        for kind in OrganizationKind.allCases {
            for verified in [true, false] {
                for role in TokenRole.allCases {
                    let member = Fixtures.member(Fixtures.organization(kind, verified: verified), role: role)
                    let expected = kind == .coordinator && verified && role >= .analyst
                    #expect(policy.authorize(action, by: .member(member)).isGranted == expected)
                }
            }
        }
    }

    /// Anyone who may see a subject may record an SSVC decision about it, with an analyst or admin token.
    @Test func ssvcDecisionsNeedSightOfTheSubjectAndAnAnalystToken() {
        for kind in OrganizationKind.allCases {
            let organization = Fixtures.organization(kind)
            let other = Fixtures.organization(.operator)
            for role in TokenRole.allCases {
                let member = Party.member(Fixtures.member(organization, role: role))
                let open = Visibility(label: .clear, owner: nil)
                let own = Visibility(label: .red, owner: organization.id)
                let hidden = Visibility(label: .amberStrict, owner: other.id)
                #expect(policy.authorize(.decideSSVC(about: open), by: member).isGranted == (role >= .analyst))
                #expect(policy.authorize(.decideSSVC(about: own), by: member).isGranted == (role >= .analyst))
                #expect(
                    policy.authorize(.decideSSVC(about: hidden), by: member).isGranted
                        == (kind == .coordinator && role >= .analyst))
            }
        }
    }

    @Test func sbomsAndVEXAreManagedByTheirOrganizationsAnalystsAndAdmins() {
        for kind in OrganizationKind.allCases {
            let organization = Fixtures.organization(kind)
            let other = Fixtures.organization(.operator)
            for role in TokenRole.allCases {
                let member = Party.member(Fixtures.member(organization, role: role))
                for action in [Action.manageSBOMs(of: organization.id), .publishVEX(of: organization.id)] {
                    #expect(policy.authorize(action, by: member).isGranted == (role >= .analyst))
                }
                for action in [Action.manageSBOMs(of: other.id), .publishVEX(of: other.id)] {
                    #expect(policy.authorize(action, by: member) == .denied(.otherOrganization))
                }
            }
        }
    }
}
