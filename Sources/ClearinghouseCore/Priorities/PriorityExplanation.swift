import Foundation
import ThreatFeeds

/// The sentences that say why an item ranks where it does and when it is due.
enum PriorityExplanation {
    static func sentences(for item: PriorityItem) -> [String] {
        let candidate = item.candidate
        var sentences: [String] = []
        let policyReason: String
        if let decision = candidate.decision, let tier = item.tier {
            let inputs = decision.inputs.map { "\($0.pointName): \($0.valueName)" }.joined(separator: ", ")
            sentences.append(
                "SSVC \(tier.name) (\(decision.outcomeName)) from \(decision.table) with \(inputs), decided \(CalendarDay(decision.decidedAt))."
            )
            policyReason = "\(tier.name) allows \(item.policy.days[tier] ?? 0) days from the decision"
        } else {
            sentences.append("No SSVC decision yet, so it ranks after every decided subject.")
            policyReason = "an undecided subject needs a decision within \(item.policy.unassessedDays) days"
        }
        if let entry = candidate.evidence.knownExploited {
            let ransomware = entry.usedByRansomware ? "; used in ransomware campaigns" : ""
            sentences.append(
                "\(entry.cveID) is in CISA's Known Exploited Vulnerabilities catalog since \(entry.dateAdded) (due \(entry.dueDate)\(ransomware))."
            )
        } else {
            sentences.append("Not in CISA's Known Exploited Vulnerabilities catalog.")
        }
        if let prediction = candidate.evidence.prediction {
            let probability = (prediction.score.probability * 1000).rounded() / 1000
            let percentile = (prediction.score.percentile * 1000).rounded() / 10
            sentences.append(
                "EPSS \(probability) (percentile \(percentile)) for \(prediction.score.cveID), scored \(CalendarDay(prediction.scoredAt))."
            )
        } else {
            sentences.append("No EPSS score.")
        }
        sentences.append(exposure(candidate.exposure))
        let age = Int(item.now.timeIntervalSince(candidate.openedAt) / 86_400)
        sentences.append("Open for \(max(0, age)) days, since \(CalendarDay(candidate.openedAt)).")
        let reason =
            item.dueFromKEV ? "CISA's KEV due date comes before the policy's (\(policyReason))" : policyReason
        sentences.append("Due \(CalendarDay(item.dueAt)): \(reason).")
        return sentences
    }

    private static func exposure(_ exposure: ExposureSummary) -> String {
        guard exposure.components > 0 else { return "Affects no SBOM component you may see." }
        let sectors = exposure.bySector.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let facing =
            exposure.internetFacingAssets == 0
            ? "none faces the internet"
            : "\(exposure.internetFacingAssets) internet-facing"
        return
            "Affects \(exposure.components) components in \(exposure.sboms) SBOMs of \(exposure.organizations) organizations (\(sectors)); of those assets, \(facing)."
    }
}
