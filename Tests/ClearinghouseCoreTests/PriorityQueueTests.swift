import ClearinghouseCore
import Foundation
import Testing
import ThreatFeeds

/// The queue's order, explanations and due dates, from candidates built by hand.
@Suite struct PriorityQueueTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let coordinator = Organization.ID(UUID())
    static let operatorID = Organization.ID(UUID())

    static func decision(
        _ table: String, _ inputs: [(String, String)], by organization: Organization.ID, daysAgo: Double = 1
    ) throws -> SSVCDecision {
        try SSVCDecision.decide(
            id: .init(UUID()), subject: .advisory(.init(rawValue: "X")), table: table, inputs: inputs, rationale: nil,
            by: AuditActor(organizationID: organization, tokenID: nil, channel: .api),
            at: now.addingTimeInterval(-daysAgo * 86_400))
    }

    static let act = [("E", "A"), ("A", "Y"), ("TI", "T"), ("MWI", "H")]
    static let track = [("E", "N"), ("A", "N"), ("TI", "P"), ("MWI", "L")]

    static func candidate(
        _ id: String, decision: SSVCDecision? = nil, kev: Bool = false, epss: Double? = nil,
        exposure: ExposureSummary = ExposureSummary(), ageDays: Double = 1
    ) -> PriorityCandidate {
        let entry = KEVCatalog.Entry(
            cveID: "CVE-2024-0001", vendorProject: "v", product: "p", vulnerabilityName: "n",
            dateAdded: CalendarDay("2024-01-02")!, shortDescription: "", requiredAction: "",
            dueDate: CalendarDay("2030-01-01")!, knownRansomwareCampaignUse: "Unknown", notes: "", cwes: [])
        return PriorityCandidate(
            subject: .advisory(.init(rawValue: id)), title: id, openedAt: now.addingTimeInterval(-ageDays * 86_400),
            aliases: [], decision: decision,
            evidence: ExploitationEvidence(
                knownExploited: kev ? entry : nil,
                prediction: epss.map {
                    .init(score: .init(cveID: "CVE-2024-0001", probability: $0, percentile: 0.5), scoredAt: now)
                }),
            exposure: exposure)
    }

    @Test func ordersByLevelThenKEVThenEPSSThenExposureThenAge() throws {
        let candidates = [
            Self.candidate("undecided-kev", kev: true),
            Self.candidate("track", decision: try Self.decision("cisa-coordinator", Self.track, by: Self.coordinator)),
            Self.candidate(
                "act-young", decision: try Self.decision("cisa-coordinator", Self.act, by: Self.coordinator), ageDays: 1
            ),
            Self.candidate(
                "act-old", decision: try Self.decision("cisa-coordinator", Self.act, by: Self.coordinator), ageDays: 9),
            Self.candidate(
                "act-epss", decision: try Self.decision("cisa-coordinator", Self.act, by: Self.coordinator), epss: 0.2),
            Self.candidate(
                "act-kev", decision: try Self.decision("cisa-coordinator", Self.act, by: Self.coordinator), kev: true),
            Self.candidate(
                "act-exposed", decision: try Self.decision("cisa-coordinator", Self.act, by: Self.coordinator),
                exposure: ExposureSummary(organizations: 2, sboms: 2, components: 3, internetFacingAssets: 1)),
            Self.candidate("undecided-epss", epss: 0.9),
        ]
        let ranked = PriorityQueue.order(candidates, policy: .standard, now: Self.now)
        #expect(
            ranked.map(\.candidate.title) == [
                "act-kev", "act-epss", "act-exposed", "act-old", "act-young", "track", "undecided-kev",
                "undecided-epss",
            ])
        #expect(ranked.map(\.rank) == Array(1...8))
        #expect(ranked.first?.tier == .act)
        #expect(ranked.last?.tier == nil)
    }

    @Test func dueDatesComeFromThePolicyOrAnEarlierKEVDate() throws {
        let policy = try PriorityPolicy(parsing: "act=2, unassessed=10", field: "--priority-due")
        #expect(policy.days[.act] == 2)
        #expect(policy.days[.attend] == 14)
        let decided = try Self.decision("cisa-coordinator", Self.act, by: Self.coordinator, daysAgo: 3)
        let ranked = PriorityQueue.order(
            [Self.candidate("a", decision: decided), Self.candidate("b", ageDays: 4)], policy: policy, now: Self.now)
        #expect(ranked[0].dueAt == decided.decidedAt.addingTimeInterval(2 * 86_400))
        #expect(ranked[0].isOverdue)
        #expect(
            ranked[0].explanation.last == "Due \(CalendarDay(ranked[0].dueAt)): Act allows 2 days from the decision.")
        #expect(ranked[1].dueAt == Self.now.addingTimeInterval(6 * 86_400))
        #expect(!ranked[1].isOverdue)

        var early = Self.candidate("kev", kev: true, ageDays: 1)
        early = PriorityCandidate(
            subject: early.subject, title: early.title, openedAt: early.openedAt, aliases: [], decision: nil,
            evidence: ExploitationEvidence(
                knownExploited: KEVCatalog.Entry(
                    cveID: "CVE-2021-44228", vendorProject: "Apache", product: "Log4j2", vulnerabilityName: "n",
                    dateAdded: CalendarDay("2021-12-10")!, shortDescription: "", requiredAction: "",
                    dueDate: CalendarDay("2021-12-24")!, knownRansomwareCampaignUse: "Known", notes: "", cwes: [])),
            exposure: ExposureSummary())
        let kevItem = try #require(PriorityQueue.order([early], policy: policy, now: Self.now).first)
        #expect(kevItem.dueAt == CalendarDay("2021-12-24")!.start)
        #expect(kevItem.explanation.contains { $0.contains("used in ransomware campaigns") })
    }

    @Test func explainsEveryInput() throws {
        let decided = try Self.decision(
            "deployer", [("E", "A"), ("EXP", "O"), ("A", "Y"), ("HI", "VH")], by: Self.operatorID)
        let item = try #require(
            PriorityQueue.order(
                [
                    Self.candidate(
                        "x", decision: decided, epss: 0.94358,
                        exposure: ExposureSummary(
                            organizations: 2, sboms: 3, components: 4, internetFacingAssets: 1,
                            bySector: ["healthcare": 1, "energy": 1]),
                        ageDays: 12)
                ],
                policy: .standard, now: Self.now
            ).first)
        #expect(item.tier == .act)
        #expect(
            item.explanation == [
                "SSVC Act (Immediate) from deployer with Exploitation: Active, System Exposure: Open, Automatable: Yes, Human Impact: Very High, decided \(CalendarDay(decided.decidedAt)).",
                "Not in CISA's Known Exploited Vulnerabilities catalog.",
                "EPSS 0.944 (percentile 50.0) for CVE-2024-0001, scored \(CalendarDay(Self.now)).",
                "Affects 4 components in 3 SBOMs of 2 organizations (energy 1, healthcare 1); of those assets, 1 internet-facing.",
                "Open for 12 days, since \(CalendarDay(Self.now.addingTimeInterval(-12 * 86_400))).",
                "Due \(CalendarDay(decided.decidedAt.addingTimeInterval(3 * 86_400))): Act allows 3 days from the decision.",
            ])
    }

    @Test func theCallersOwnDecisionCountsThenACoordinators() throws {
        let coordinatorTrack = try Self.decision("cisa-coordinator", Self.track, by: Self.coordinator, daysAgo: 1)
        let ownOld = try Self.decision(
            "deployer", [("E", "A"), ("EXP", "O"), ("A", "Y"), ("HI", "VH")], by: Self.operatorID, daysAgo: 5)
        let publish = try Self.decision(
            "coordinator-publish", [("SINV", "FR"), ("E", "A"), ("PVA", "P")], by: Self.operatorID, daysAgo: 0)
        let stranger = try Self.decision("cisa-coordinator", Self.act, by: Organization.ID(UUID()), daysAgo: 0)
        let all = [coordinatorTrack, ownOld, publish, stranger]
        #expect(
            PriorityQueue.decisionThatCounts(among: all, for: Self.operatorID, coordinators: [Self.coordinator])
                == ownOld)
        #expect(
            PriorityQueue.decisionThatCounts(among: all, for: Organization.ID(UUID()), coordinators: [Self.coordinator])
                == coordinatorTrack)
        #expect(
            PriorityQueue.decisionThatCounts(among: [publish, stranger], for: nil, coordinators: [Self.coordinator])
                == nil)
    }

    @Test func mapsOutcomesOntoLevels() throws {
        let deployer = [
            ([("E", "N"), ("EXP", "S"), ("A", "N"), ("HI", "L")], PriorityTier.track),
            ([("E", "A"), ("EXP", "O"), ("A", "Y"), ("HI", "VH")], .act),
        ]
        for (inputs, tier) in deployer {
            #expect(PriorityTier(try Self.decision("deployer", inputs, by: Self.operatorID)) == tier)
        }
        #expect(PriorityTier(try Self.decision("cisa-coordinator", Self.act, by: Self.coordinator)) == .act)
        #expect(PriorityTier(try Self.decision("utility", [("A", "Y"), ("VD", "C")], by: Self.coordinator)) == nil)
        #expect(PriorityTier(name: "TRACK*") == .trackStar)
        #expect(PriorityTier(name: "track-star") == .trackStar)
        #expect(PriorityTier(name: "soon") == nil)
    }

    @Test(arguments: ["act", "act=x", "act=-1", "act=4000", "urgent=3"])
    func refusesABadPolicy(text: String) {
        #expect(throws: ClearinghouseError.self) { try PriorityPolicy(parsing: text, field: "--priority-due") }
    }

    @Test func aPolicyReadsBackAsWritten() throws {
        let policy = try PriorityPolicy(parsing: PriorityPolicy.standard.description, field: "x")
        #expect(policy == .standard)
        #expect(PriorityPolicy.standard.description == "act=3,attend=14,track*=45,track=90,unassessed=7")
    }

    @Test func decisionsNameWhatIsWrong() {
        let unknownTable = #expect(throws: ClearinghouseError.self) {
            try Self.decision("nope", [], by: Self.coordinator)
        }
        #expect(unknownTable?.field == "table")
        let missing = #expect(throws: ClearinghouseError.self) {
            try Self.decision("cisa-coordinator", [("E", "A")], by: Self.coordinator)
        }
        #expect(missing?.field == "inputs")
        #expect(missing?.message.contains("is missing") == true)
    }
}
