import Foundation

/// CVSS 2 scoring, as FIRST's "Complete Guide to the Common Vulnerability Scoring System Version 2.0" gives it
/// (section 3.2): base, temporal and environmental equations, each rounded to one decimal.
struct CVSS2 {
    let vector: CVSSVector

    init(_ vector: CVSSVector) {
        self.vector = vector
    }

    var scores: CVSSScores {
        let base = Self.round(baseScore(impact: impact))
        return CVSSScores(
            version: .v2_0, base: base, temporalOrThreat: Self.round(base * temporalFactor),
            environmental: environmental)
    }

    private static let weights: [String: [String: Double]] = [
        "AV": ["L": 0.395, "A": 0.646, "N": 1.0],
        "AC": ["H": 0.35, "M": 0.61, "L": 0.71],
        "Au": ["M": 0.45, "S": 0.56, "N": 0.704],
        "C": ["N": 0, "P": 0.275, "C": 0.660], "I": ["N": 0, "P": 0.275, "C": 0.660],
        "A": ["N": 0, "P": 0.275, "C": 0.660],
        "E": ["U": 0.85, "POC": 0.9, "F": 0.95], "RL": ["OF": 0.87, "TF": 0.90, "W": 0.95],
        "RC": ["UC": 0.90, "UR": 0.95],
        "CDP": ["L": 0.1, "LM": 0.3, "MH": 0.4, "H": 0.5], "TD": ["N": 0, "L": 0.25, "M": 0.75],
        "CR": ["L": 0.5, "H": 1.51], "IR": ["L": 0.5, "H": 1.51], "AR": ["L": 0.5, "H": 1.51],
    ]

    /// A metric's weight; a metric left out or `ND` weighs what the guide gives "not defined" (1, or 0 for CDP).
    private func weight(_ metric: String) -> Double {
        Self.weights[metric]?[vector[metric]] ?? (metric == "CDP" ? 0 : 1)
    }

    private var impact: Double {
        10.41 * (1 - (1 - weight("C")) * (1 - weight("I")) * (1 - weight("A")))
    }

    private var adjustedImpact: Double {
        min(
            10,
            10.41
                * (1 - (1 - weight("C") * weight("CR")) * (1 - weight("I") * weight("IR"))
                    * (1 - weight("A") * weight("AR")))
        )
    }

    private func baseScore(impact: Double) -> Double {
        let exploitability = 20 * weight("AV") * weight("AC") * weight("Au")
        return ((0.6 * impact) + (0.4 * exploitability) - 1.5) * (impact == 0 ? 0 : 1.176)
    }

    private var temporalFactor: Double { weight("E") * weight("RL") * weight("RC") }

    private var environmental: Double {
        let adjustedTemporal = Self.round(Self.round(baseScore(impact: adjustedImpact)) * temporalFactor)
        return Self.round((adjustedTemporal + (10 - adjustedTemporal) * weight("CDP")) * weight("TD"))
    }

    /// Rounds to one decimal, halves up; the small allowance keeps 4.45 computed as 4.4499999 from rounding down.
    private static func round(_ value: Double) -> Double {
        (value * 10 + 1e-9).rounded(.toNearestOrAwayFromZero) / 10
    }
}
