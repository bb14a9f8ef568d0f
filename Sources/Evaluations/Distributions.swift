import Foundation

/// The two distributions the intervals need, computed here: the standard normal's quantile, and the beta
/// distribution's regularized incomplete function and its inverse. Each inverse is found by bisection on a
/// monotone function, to the precision of a `Double`; nothing recurses.
enum Distributions {
    /// The standard normal's cumulative distribution, through the complementary error function.
    static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The `x` at which the standard normal's cumulative distribution is `p`, for `p` in (0, 1).
    static func normalQuantile(_ p: Double) -> Double {
        bisect(low: -40, high: 40) { normalCDF($0) < p }
    }

    /// The regularized incomplete beta function I_x(a, b), for `a`, `b` > 0 and `x` in [0, 1]: the beta
    /// distribution's cumulative distribution. Evaluated by its continued fraction (modified Lentz), on the side of
    /// the mean where it converges fast.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a, b) / a
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    /// The `x` at which I_x(a, b) is `p`: the beta distribution's quantile.
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        bisect(low: 0, high: 1) { regularizedBeta($0, a, b) < p }
    }

    /// The continued fraction of I_x(a, b) (each even and odd step of its terms), until a step changes it by less
    /// than a part in 10^15.
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...100_000 {
            let step = Double(m)
            for numerator in [
                step * (b - step) * x / ((a + 2 * step - 1) * (a + 2 * step)),
                -(a + step) * (a + b + step) * x / ((a + 2 * step) * (a + 2 * step + 1)),
            ] {
                d = 1 + numerator * d
                if abs(d) < tiny { d = tiny }
                c = 1 + numerator / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                result *= d * c
            }
            if abs(d * c - 1) < 1e-15 { break }
        }
        return result
    }

    /// The boundary between where `below` holds and where it does not, on [low, high], found by halving until the
    /// two ends are neighbouring `Double`s.
    private static func bisect(low: Double, high: Double, below: (Double) -> Bool) -> Double {
        var (low, high) = (low, high)
        for _ in 0..<2_000 {
            let middle = low + (high - low) / 2
            if middle <= low || middle >= high { break }
            if below(middle) { low = middle } else { high = middle }
        }
        return low + (high - low) / 2
    }
}
