import Foundation

/// CVSS 3.0 and 3.1 scoring, as FIRST's specification documents (section 7 and appendix A of 3.1).
struct CVSS3 {
    let vector: CVSSVector

    init(_ vector: CVSSVector) {
        self.vector = vector
    }

    var scores: CVSSScores {
        CVSSScores(version: vector.version, base: base, temporalOrThreat: temporal, environmental: environmental)
    }

    private var isV31: Bool { vector.version == .v3_1 }

    // MARK: Weights

    private static func attackVector(_ value: String) -> Double {
        let weights: [String: Double] = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2]
        return weights[value] ?? 0
    }

    private static func attackComplexity(_ value: String) -> Double { value == "L" ? 0.77 : 0.44 }

    private static func privileges(_ value: String, scopeChanged: Bool) -> Double {
        switch value {
        case "N": 0.85
        case "L": scopeChanged ? 0.68 : 0.62
        default: scopeChanged ? 0.5 : 0.27
        }
    }

    private static func userInteraction(_ value: String) -> Double { value == "N" ? 0.85 : 0.62 }

    private static func impact(_ value: String) -> Double {
        let weights: [String: Double] = ["H": 0.56, "L": 0.22]
        return weights[value] ?? 0
    }

    private static func requirement(_ value: String) -> Double {
        let weights: [String: Double] = ["H": 1.5, "L": 0.5]
        return weights[value] ?? 1
    }

    // MARK: Scores

    private var base: Double {
        let scopeChanged = vector["S"] == "C"
        let iss = 1 - (1 - Self.impact(vector["C"])) * (1 - Self.impact(vector["I"])) * (1 - Self.impact(vector["A"]))
        let impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability =
            8.22 * Self.attackVector(vector["AV"]) * Self.attackComplexity(vector["AC"])
            * Self.privileges(vector["PR"], scopeChanged: scopeChanged) * Self.userInteraction(vector["UI"])
        guard impact > 0 else { return 0 }
        return roundUp(min((scopeChanged ? 1.08 : 1) * (impact + exploitability), 10))
    }

    /// The temporal multiplier: exploit maturity × remediation level × report confidence.
    private var temporalFactor: Double {
        let maturity: Double = ["F": 0.97, "P": 0.94, "U": 0.91][vector["E"]] ?? 1
        let remediation: Double = ["W": 0.97, "T": 0.96, "O": 0.95][vector["RL"]] ?? 1
        let confidence: Double = ["R": 0.96, "U": 0.92][vector["RC"]] ?? 1
        return maturity * remediation * confidence
    }

    private var temporal: Double { roundUp(base * temporalFactor) }

    /// A modified metric's value, or the base metric's when it is not defined.
    private func modified(_ metric: String) -> String {
        let value = vector["M" + metric]
        return value == "X" ? vector[metric] : value
    }

    private var environmental: Double {
        let scopeChanged = modified("S") == "C"
        let miss = min(
            1 - (1 - Self.requirement(vector["CR"]) * Self.impact(modified("C")))
                * (1 - Self.requirement(vector["IR"]) * Self.impact(modified("I")))
                * (1 - Self.requirement(vector["AR"]) * Self.impact(modified("A"))),
            0.915)
        let impact: Double
        if scopeChanged {
            impact =
                isV31
                ? 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13)
                : 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15)
        } else {
            impact = 6.42 * miss
        }
        let exploitability =
            8.22 * Self.attackVector(modified("AV")) * Self.attackComplexity(modified("AC"))
            * Self.privileges(modified("PR"), scopeChanged: scopeChanged) * Self.userInteraction(modified("UI"))
        guard impact > 0 else { return 0 }
        let combined = roundUp(min((scopeChanged ? 1.08 : 1) * (impact + exploitability), 10))
        return roundUp(combined * temporalFactor)
    }

    /// The smallest number with one decimal at or above `value`. CVSS 3.1 computes it on integers, so that a
    /// value such as 4.000000001 from floating-point error rounds to 4.0 (appendix A); 3.0 takes the ceiling.
    private func roundUp(_ value: Double) -> Double {
        guard isV31 else { return (value * 10).rounded(.up) / 10 }
        let scaled = Int((value * 100_000).rounded())
        return scaled % 10_000 == 0 ? Double(scaled) / 100_000 : Double(scaled / 10_000 + 1) / 10
    }
}
