import Foundation

/// CVSS 4.0 scoring as FIRST's reference calculator does it: the vector's macrovector (EQ1 to EQ6) is looked up in
/// FIRST's table, then lowered by the mean proportional severity distance of the vector from the highest-severity
/// vectors of its macrovector (specification section 8.2).
///
/// Metrics are read by their position in ``CVSSMetrics/v4`` and values by their first byte, so that scoring a
/// vector allocates nothing.
struct CVSS4 {
    let codes: [UInt8]

    init(_ vector: CVSSVector) {
        codes = vector.codes
    }

    /// Which metric groups a score reads.
    enum Scope {
        case base, threat, environmental
    }

    var scores: CVSSScores {
        CVSSScores(
            version: .v4_0, base: score(.base), temporalOrThreat: score(.threat), environmental: score(.environmental))
    }

    // Metric positions, one constant each: a tuple pattern would be initialized lazily, behind a `swift_once`
    // check on every use in the scoring loop.
    static let av = 0
    static let ac = 1
    static let at = 2
    static let pr = 3
    static let ui = 4
    static let vc = 5
    static let vi = 6
    static let va = 7
    static let sc = 8
    static let si = 9
    static let sa = 10
    static let e = 11
    static let cr = 12
    static let ir = 13
    static let ar = 14
    /// How far a base metric's modified metric is from it.
    static let modifiedOffset = 15

    private static let x = UInt8(ascii: "X")

    /// A metric's value for scoring: a defined modified metric overrides its base metric; an undefined exploit
    /// maturity counts as `A` (attacked) and undefined security requirements as `H`, the worst cases. Scores of a
    /// narrower scope read the threat or environmental metrics as undefined.
    @inline(__always)
    private func m(_ metric: Int, _ scope: Scope) -> UInt8 {
        switch metric {
        case Self.e:
            let value = scope == .base ? 0 : codes[metric]
            return value == 0 || value == Self.x ? UInt8(ascii: "A") : value
        case Self.cr, Self.ir, Self.ar:
            let value = scope == .environmental ? codes[metric] : 0
            return value == 0 || value == Self.x ? UInt8(ascii: "H") : value
        default:
            if scope == .environmental {
                let modified = codes[metric + Self.modifiedOffset]
                if modified != 0 && modified != Self.x { return modified }
            }
            return codes[metric]
        }
    }

    // MARK: The algorithm

    func score(_ scope: Scope) -> Double {
        let n = UInt8(ascii: "N")
        let h = UInt8(ascii: "H")
        let s = UInt8(ascii: "S")
        let (vcValue, viValue, vaValue) = (m(Self.vc, scope), m(Self.vi, scope), m(Self.va, scope))
        let (scValue, siValue, saValue) = (m(Self.sc, scope), m(Self.si, scope), m(Self.sa, scope))
        if vcValue == n && viValue == n && vaValue == n && scValue == n && siValue == n && saValue == n {
            return 0
        }
        let (avValue, prValue, uiValue) = (m(Self.av, scope), m(Self.pr, scope), m(Self.ui, scope))
        let eq1: Int
        if avValue == n && prValue == n && uiValue == n {
            eq1 = 0
        } else if (avValue == n || prValue == n || uiValue == n) && avValue != UInt8(ascii: "P") {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = m(Self.ac, scope) == UInt8(ascii: "L") && m(Self.at, scope) == n ? 0 : 1
        let eq3 = vcValue == h && viValue == h ? 0 : (vcValue == h || viValue == h || vaValue == h ? 1 : 2)
        let eq4 = siValue == s || saValue == s ? 0 : (scValue == h || siValue == h || saValue == h ? 1 : 2)
        let exploit = m(Self.e, scope)
        let eq5 = exploit == UInt8(ascii: "A") ? 0 : (exploit == UInt8(ascii: "P") ? 1 : 2)
        let (crValue, irValue, arValue) = (m(Self.cr, scope), m(Self.ir, scope), m(Self.ar, scope))
        let eq6 =
            (crValue == h && vcValue == h) || (irValue == h && viValue == h) || (arValue == h && vaValue == h) ? 0 : 1

        let table = Self.lookupTable
        let value = table.score(eq1, eq2, eq3, eq4, eq5, eq6)
        guard !value.isNaN else { return 0 }
        var lower: (Double, Double, Double, Double, Double) = (
            table.score(eq1 + 1, eq2, eq3, eq4, eq5, eq6), table.score(eq1, eq2 + 1, eq3, eq4, eq5, eq6), .nan,
            table.score(eq1, eq2, eq3, eq4 + 1, eq5, eq6), table.score(eq1, eq2, eq3, eq4, eq5 + 1, eq6)
        )
        switch (eq3, eq6) {
        case (1, 1), (0, 1): lower.2 = table.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6)
        case (1, 0): lower.2 = table.score(eq1, eq2, eq3, eq4, eq5, eq6 + 1)
        case (0, 0):
            let left = table.score(eq1, eq2, eq3, eq4, eq5, eq6 + 1)
            let right = table.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6)
            lower.2 = left.isNaN ? right : (right.isNaN ? left : max(left, right))
        default: lower.2 = table.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1)
        }

        // The severity distances from the first highest-severity vector of the macrovector that the vector does
        // not exceed in any metric (the last one when none fits, as the reference does).
        let own = (
            Self.level(Self.av, avValue), Self.level(Self.pr, prValue), Self.level(Self.ui, uiValue),
            Self.level(Self.ac, m(Self.ac, scope)), Self.level(Self.at, m(Self.at, scope)),
            Self.level(Self.vc, vcValue), Self.level(Self.vi, viValue), Self.level(Self.va, vaValue),
            Self.level(Self.sc, scValue), Self.level(Self.si, siValue), Self.level(Self.sa, saValue),
            Self.level(Self.cr, crValue), Self.level(Self.ir, irValue), Self.level(Self.ar, arValue)
        )
        let ownLevels = SIMD16<Double>(
            own.0, own.1, own.2, own.3, own.4, own.5, own.6, own.7, own.8, own.9, own.10, own.11, own.12, own.13, 0, 0)
        var distance = SIMD16<Double>()
        for candidate in Self.highestSeverity[Self.macroKey(eq1, eq2, eq3, eq4, eq6)] {
            distance = ownLevels - candidate
            if !any(distance .< 0) { break }
        }
        let current = (
            distance[0] + distance[1] + distance[2], distance[3] + distance[4],
            distance[5] + distance[6] + distance[7] + distance[11] + distance[12] + distance[13],
            distance[8] + distance[9] + distance[10]
        )
        let depth = Self.depths[Self.macroKey(eq1, eq2, eq3, eq4, eq6)]
        var total = 0.0
        var existing = 0
        if !lower.0.isNaN { existing += 1; total += (value - lower.0) * current.0 / depth.0 }
        if !lower.1.isNaN { existing += 1; total += (value - lower.1) * current.1 / depth.1 }
        if !lower.2.isNaN { existing += 1; total += (value - lower.2) * current.2 / depth.2 }
        if !lower.3.isNaN { existing += 1; total += (value - lower.3) * current.3 / depth.3 }
        if !lower.4.isNaN { existing += 1 }  // EQ5's distance is always 0.
        let mean = existing == 0 ? 0 : total / Double(existing)
        let score = min(max(value - mean, 0), 10)
        // Half-up to one decimal, with the reference's allowance of 10⁻⁶ for floating-point error (5.65 computed
        // as 5.6499999 is 5.7).
        return ((score + 1e-6) * 10 + 0.5).rounded(.down) / 10
    }

    /// Each metric's severity level: how far a value is below the most severe one, in tenths.
    @inline(__always)
    static func level(_ metric: Int, _ value: UInt8) -> Double {
        switch (metric, value) {
        case (av, UInt8(ascii: "N")), (pr, UInt8(ascii: "N")), (ui, UInt8(ascii: "N")), (ac, UInt8(ascii: "L")),
            (at, UInt8(ascii: "N")):
            0
        case (av, UInt8(ascii: "A")), (pr, UInt8(ascii: "L")), (ui, UInt8(ascii: "P")), (ac, UInt8(ascii: "H")),
            (at, UInt8(ascii: "P")):
            0.1
        case (av, UInt8(ascii: "L")), (pr, UInt8(ascii: "H")), (ui, UInt8(ascii: "A")): 0.2
        case (av, UInt8(ascii: "P")): 0.3
        case (sc, UInt8(ascii: "H")), (si, UInt8(ascii: "H")), (sa, UInt8(ascii: "H")): 0.1
        case (sc, UInt8(ascii: "L")), (si, UInt8(ascii: "L")), (sa, UInt8(ascii: "L")): 0.2
        case (sc, UInt8(ascii: "N")), (si, UInt8(ascii: "N")), (sa, UInt8(ascii: "N")): 0.3
        case (si, UInt8(ascii: "S")), (sa, UInt8(ascii: "S")): 0
        // VC, VI, VA: H L N; CR, IR, AR: H M L.
        case (_, UInt8(ascii: "H")): 0
        case (cr, UInt8(ascii: "M")), (ir, UInt8(ascii: "M")), (ar, UInt8(ascii: "M")): 0.1
        case (_, UInt8(ascii: "L")) where metric >= cr: 0.2
        case (_, UInt8(ascii: "L")): 0.1
        default: 0.2
        }
    }

    // MARK: FIRST's data

    /// The macrovector scores of FIRST's calculator (`cvss_v4_macrovector_lookup.json`, BSD-2-Clause, FIRST.Org,
    /// Red Hat and contributors), by macrovector; NaN where no macrovector exists.
    struct LookupTable {
        let scores: [Double]

        @inline(__always)
        func score(_ eq1: Int, _ eq2: Int, _ eq3: Int, _ eq4: Int, _ eq5: Int, _ eq6: Int) -> Double {
            guard eq1 < 3, eq2 < 2, eq3 < 3, eq4 < 3, eq5 < 3, eq6 < 2 else { return .nan }
            return scores[((((eq1 * 2 + eq2) * 3 + eq3) * 3 + eq4) * 3 + eq5) * 2 + eq6]
        }
    }

    static let lookupTable: LookupTable = {
        let data = Data(PackageResources.cvss_v4_macrovector_lookup_json)
        let table = (try? JSONDecoder().decode([String: Double].self, from: data)) ?? [:]
        var scores = [Double](repeating: .nan, count: 3 * 2 * 3 * 3 * 3 * 2)
        for (key, score) in table {
            let digits = key.compactMap(\.wholeNumberValue)
            guard digits.count == 6 else { continue }
            scores[((((digits[0] * 2 + digits[1]) * 3 + digits[2]) * 3 + digits[3]) * 3 + digits[4]) * 2 + digits[5]] =
                score
        }
        return LookupTable(scores: scores)
    }()

    /// EQ1, EQ2, EQ3 with EQ6, and EQ4 (EQ5 has one highest-severity vector per level and no distance).
    static func macroKey(_ eq1: Int, _ eq2: Int, _ eq3: Int, _ eq4: Int, _ eq6: Int) -> Int {
        (((eq1 * 2 + eq2) * 3 + eq3) * 2 + eq6) * 3 + eq4
    }

    /// The highest-severity vectors of each macrovector, as the levels of AV, PR, UI, AC, AT, VC, VI, VA, SC, SI,
    /// SA, CR, IR, AR, in the reference's order of combination.
    static let highestSeverity: [[SIMD16<Double>]] = {
        var all = [[SIMD16<Double>]](repeating: [], count: 3 * 2 * 3 * 2 * 3)
        let order = ["AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"]
        let positions = [
            "AV": av, "PR": pr, "UI": ui, "AC": ac, "AT": at, "VC": vc, "VI": vi, "VA": va, "SC": sc,
            "SI": si, "SA": sa, "CR": cr, "IR": ir, "AR": ar,
        ]
        for eq1 in 0..<3 {
            for eq2 in 0..<2 {
                for eq3 in 0..<3 {
                    for eq6 in 0..<2 {
                        for eq4 in 0..<3 {
                            var vectors: [SIMD16<Double>] = []
                            for first in maxComposed.eq1[eq1] {
                                for second in maxComposed.eq2[eq2] {
                                    for third in maxComposed.eq3eq6[eq3][eq6] ?? [] {
                                        for fourth in maxComposed.eq4[eq4] {
                                            var values: [String: UInt8] = [:]
                                            for part in (first + second + third + fourth).split(separator: "/") {
                                                let pair = part.split(separator: ":")
                                                values[String(pair[0])] = pair[1].utf8.first
                                            }
                                            var levels = SIMD16<Double>()
                                            for (index, metric) in order.enumerated() {
                                                levels[index] = level(positions[metric]!, values[metric]!)
                                            }
                                            vectors.append(levels)
                                        }
                                    }
                                }
                            }
                            all[macroKey(eq1, eq2, eq3, eq4, eq6)] = vectors
                        }
                    }
                }
            }
        }
        return all
    }()

    /// The depth of each EQ level (its largest severity distance), as a fraction: EQ1, EQ2, EQ3 with EQ6, EQ4.
    static let depths: [(Double, Double, Double, Double)] = {
        let eq1 = [1.0, 4.0, 5.0]
        let eq2 = [1.0, 2.0]
        let eq3eq6: [[Double]] = [[7, 6], [8, 8], [10, 10]]
        let eq4 = [6.0, 5.0, 4.0]
        var depths = [(Double, Double, Double, Double)](repeating: (0, 0, 0, 0), count: 3 * 2 * 3 * 2 * 3)
        for a in 0..<3 {
            for b in 0..<2 {
                for c in 0..<3 {
                    for f in 0..<2 {
                        for d in 0..<3 {
                            depths[macroKey(a, b, c, d, f)] = (
                                eq1[a] * 0.1, eq2[b] * 0.1, eq3eq6[c][f] * 0.1, eq4[d] * 0.1
                            )
                        }
                    }
                }
            }
        }
        return depths
    }()

    /// The highest-severity vectors of each EQ level, from FIRST's calculator.
    static let maxComposed = (
        eq1: [
            ["AV:N/PR:N/UI:N/"], ["AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"],
            ["AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"],
        ],
        eq2: [["AC:L/AT:N/"], ["AC:H/AT:N/", "AC:L/AT:P/"]],
        eq3eq6: [
            [
                0: ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"],
                1: ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"],
            ],
            [
                0: ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"],
                1: [
                    "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/",
                    "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/",
                    "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/",
                ],
            ],
            [1: ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"]],
        ],
        eq4: [["SC:H/SI:S/SA:S/"], ["SC:H/SI:H/SA:H/"], ["SC:L/SI:L/SA:L/"]]
    )
}

extension CVSSVector {
    /// The vector's score with every metric it gives: CVSS-BTE for 4.0, the environmental score for 2 and 3.x.
    public var score: Double {
        switch version {
        case .v2_0, .v3_0, .v3_1: scores.environmental
        case .v4_0: CVSS4(self).score(.environmental)
        }
    }
}
