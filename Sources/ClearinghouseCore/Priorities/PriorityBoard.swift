public import Foundation
public import ThreatFeeds

/// How the priority queue's candidates are assembled for one member, from what the workflows layer gathered: one
/// candidate per advisory reaching an SBOM the member sees, and one per open case the member sees, each with the
/// decision that counts, its exploitation evidence (found through its aliases) and its exposure. Pure.
public enum PriorityBoard {
    /// A subject and the aliases its evidence is looked up by.
    public struct Subject: Sendable {
        public let subject: PrioritySubject
        public let aliases: [String]
    }

    /// What a case names: its findings' aliases and package targets.
    public typealias CaseNames = [Case.ID: (aliases: Set<String>, packages: Set<String>)]

    /// Case states that need no more remediation work.
    public static let settledStates: Set<CaseState> = [.fixed, .disclosed, .rejected, .withdrawn]

    /// The subjects of the board: the exposed advisories in id order, then the cases in the order given.
    ///
    /// - Parameter kind: one kind of subject only; nil for both.
    public static func subjects(
        kind: PrioritySubject.Kind?, exposure: VisibleExposure, advisories: AdvisoryIndex, cases: [Case],
        names: CaseNames
    ) -> [Subject] {
        var subjects: [Subject] =
            kind == .case
            ? []
            : exposure.componentsByAdvisory.keys.sorted().map { id in
                Subject(subject: .advisory(id), aliases: [id.rawValue] + (advisories.summary(of: id)?.aliases ?? []))
            }
        if kind != .advisory {
            subjects += cases.map { Subject(subject: .case($0.id), aliases: (names[$0.id]?.aliases ?? []).sorted()) }
        }
        return subjects
    }

    /// The CVE ids among the subjects' aliases, upper-cased: what KEV and EPSS are asked about.
    public static func cves(of subjects: [Subject]) -> Set<String> {
        Set(subjects.flatMap(\.aliases).map { $0.uppercased() }.filter(CVEIdentifier.isValid))
    }

    /// What the board weighs besides the subjects.
    public struct Evidence: Sendable {
        public var decisions: [PrioritySubject: [SSVCDecision]]
        /// The verified coordinators among those who decided.
        public var coordinators: Set<Organization.ID>
        public var knownExploited: [String: KEVCatalog.Entry]
        public var predictions: [String: ExploitationEvidence.Prediction]
        /// Each exposed organization's sector, if it has one.
        public var sectors: [Organization.ID: String?]

        public init(
            decisions: [PrioritySubject: [SSVCDecision]], coordinators: Set<Organization.ID>,
            knownExploited: [String: KEVCatalog.Entry], predictions: [String: ExploitationEvidence.Prediction],
            sectors: [Organization.ID: String?]
        ) {
            self.decisions = decisions
            self.coordinators = coordinators
            self.knownExploited = knownExploited
            self.predictions = predictions
            self.sectors = sectors
        }
    }

    /// One candidate per subject, in the subjects' order.
    public static func candidates(
        _ subjects: [Subject], for member: Member, exposure: VisibleExposure, advisories: AdvisoryIndex,
        cases: [Case], names: CaseNames, evidence: Evidence
    ) -> [PriorityCandidate] {
        let caseByID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        let sector = { (organization: Organization.ID) in evidence.sectors[organization] ?? nil }
        return subjects.map { subject in
            let decision = PriorityQueue.decisionThatCounts(
                among: evidence.decisions[subject.subject] ?? [], for: member.organizationID,
                coordinators: evidence.coordinators)
            let found = ExploitationEvidence.find(
                aliases: subject.aliases, knownExploited: evidence.knownExploited, predictions: evidence.predictions)
            switch subject.subject {
            case .advisory(let id):
                let summary = advisories.summary(of: id)
                let opened = max(exposure.firstSeen[id] ?? .distantPast, summary?.published ?? .distantPast)
                return PriorityCandidate(
                    subject: subject.subject, title: title(id, aliases: summary?.aliases ?? []), openedAt: opened,
                    aliases: summary?.aliases ?? [], decision: decision, evidence: found,
                    exposure: ExposureSummary(exposure.componentsByAdvisory[id] ?? [], sector: sector))
            case .case(let id):
                let reached = exposure.components(ofCaseNaming: subject.aliases, packages: names[id]?.packages ?? [])
                return PriorityCandidate(
                    subject: subject.subject, title: caseByID[id]?.title ?? "",
                    openedAt: caseByID[id]?.createdAt ?? .distantPast, aliases: subject.aliases, decision: decision,
                    evidence: found, exposure: ExposureSummary(reached, sector: sector), state: caseByID[id]?.state)
            }
        }
    }

    private static func title(_ id: Advisory.ID, aliases: [String]) -> String {
        aliases.isEmpty ? id.rawValue : "\(id.rawValue) (\(aliases.joined(separator: ", ")))"
    }
}
