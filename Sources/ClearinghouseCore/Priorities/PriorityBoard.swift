public import Foundation
public import ThreatFeeds
public import PackageURL

/// How the priority queue's candidates are assembled for one member, from what the workflows layer gathered: one
/// candidate per advisory reaching an SBOM the member sees, and one per open case the member sees, each with the
/// decision that counts, its exploitation evidence (found through its aliases) and its exposure. Pure.
public enum PriorityBoard {
    /// An open case and what the board weighs about it, as the open-case catalog keeps it: built once when the
    /// case changes and shared by every request, never copied.
    public final class OpenCase: Sendable {
        public let `case`: Case
        /// Its findings' aliases (CVE, GHSA …), upper-cased, sorted.
        public let aliases: [String]
        /// The Package URLs of its findings' package targets.
        public let packages: [PackageURL]
        /// The SSVC decisions about it, oldest first.
        public let decisions: [SSVCDecision]

        public init(_ found: Case, aliases: Set<String>, packages: Set<String>, decisions: [SSVCDecision]) {
            self.case = found
            self.aliases = aliases.sorted()
            self.packages = packages.sorted().compactMap { try? PackageURL(parsing: $0) }
            self.decisions = decisions
        }
    }

    /// A subject and the aliases its evidence is looked up by.
    public struct Subject: Sendable {
        public enum Of: Sendable {
            case advisory(Advisory.ID)
            case `case`(OpenCase)
        }

        public let of: Of
        public let aliases: [String]

        public var subject: PrioritySubject {
            switch of {
            case .advisory(let id): .advisory(id)
            case .case(let open): .case(open.case.id)
            }
        }
    }

    /// Case states that need no more remediation work.
    public static let settledStates: Set<CaseState> = [.fixed, .disclosed, .rejected, .withdrawn]

    /// The subjects of the board: the exposed advisories in id order, then the cases in the order given.
    ///
    /// - Parameter kind: one kind of subject only; nil for both.
    public static func subjects(
        kind: PrioritySubject.Kind?, exposure: VisibleExposure, advisories: AdvisoryIndex, cases: [OpenCase]
    ) -> [Subject] {
        var subjects: [Subject] =
            kind == .case
            ? []
            : exposure.componentsByAdvisory.keys.sorted().map { id in
                Subject(of: .advisory(id), aliases: [id.rawValue] + (advisories.summary(of: id)?.aliases ?? []))
            }
        if kind != .advisory {
            subjects += cases.map { Subject(of: .case($0), aliases: $0.aliases) }
        }
        return subjects
    }

    /// The CVE ids among the subjects' aliases, upper-cased: what KEV and EPSS are asked about.
    public static func cves(of subjects: [Subject]) -> Set<String> {
        Set(subjects.flatMap(\.aliases).map { $0.uppercased() }.filter(CVEIdentifier.isValid))
    }

    /// What the board weighs besides the subjects.
    public struct Evidence: Sendable {
        /// The decisions about the advisories (a case's are in its ``OpenCase``).
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
        evidence: Evidence
    ) -> [PriorityCandidate] {
        let sector = { (organization: Organization.ID) in evidence.sectors[organization] ?? nil }
        return subjects.map { subject in
            let found = ExploitationEvidence.find(
                aliases: subject.aliases, knownExploited: evidence.knownExploited, predictions: evidence.predictions)
            let decision = { (decisions: [SSVCDecision]) in
                PriorityQueue.decisionThatCounts(
                    among: decisions, for: member.organizationID, coordinators: evidence.coordinators)
            }
            switch subject.of {
            case .case(let open):
                let reached = exposure.components(ofCaseNaming: open.aliases, packages: open.packages)
                return PriorityCandidate(
                    subject: subject.subject, title: open.case.title, openedAt: open.case.createdAt,
                    aliases: open.aliases, decision: decision(open.decisions), evidence: found,
                    exposure: ExposureSummary(reached, sector: sector), state: open.case.state)
            case .advisory(let id):
                let summary = advisories.summary(of: id)
                let opened = max(exposure.firstSeen[id] ?? .distantPast, summary?.published ?? .distantPast)
                return PriorityCandidate(
                    subject: subject.subject, title: title(id, aliases: summary?.aliases ?? []), openedAt: opened,
                    aliases: summary?.aliases ?? [], decision: decision(evidence.decisions[subject.subject] ?? []),
                    evidence: found,
                    exposure: ExposureSummary(exposure.componentsByAdvisory[id] ?? [], sector: sector))
            }
        }
    }

    private static func title(_ id: Advisory.ID, aliases: [String]) -> String {
        aliases.isEmpty ? id.rawValue : "\(id.rawValue) (\(aliases.joined(separator: ", ")))"
    }
}
