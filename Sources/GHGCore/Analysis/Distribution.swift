/// The probability distribution of an uncertain input, for Monte Carlo (IPCC 2006 Vol.1 Ch.3 Approach 2).
///
/// A factor row states its distribution in the `distribution` column and its 95 % interval in `low`/`high`
/// (IPCC ranges are read as the 2.5th and 97.5th percentiles, methodology.md §5.2); an activity row states ± % at
/// 95 % in its `uncertainty` column. Draws are truncated to `bounds` (a fraction to [0, 1], a mass to ≥ 0) by
/// sampling the truncated distribution's inverse CDF, never by clamping.
public enum Distribution: Hashable, Sendable {
    /// Normal with the given mean and standard deviation.
    case normal(mean: Double, sd: Double)
    /// Lognormal: `exp(N(mu, sigma))`.
    case lognormal(mu: Double, sigma: Double)
    /// Uniform on `low...high`.
    case uniform(low: Double, high: Double)
    /// Triangular on `low...high` with its mode.
    case triangular(low: Double, mode: Double, high: Double)
    /// No uncertainty: always the value.
    case fixed(Double)

    /// z of the 97.5th percentile of the standard normal.
    public static let z975 = 1.959963984540054

    /// The names the `distribution` column accepts; empty means `normal`.
    public static let names = ["normal", "lognormal", "uniform", "triangular"]

    /// The distribution a factor row states: `name` (empty = normal) over its `low`–`high` 95 % interval around
    /// `value`. Nil when the row has no interval; an error text when the interval does not fit the distribution.
    public static func stated(_ name: String, value: Double, low: Double?, high: Double?)
        -> Result<Distribution?, DistributionError> {
        guard low != nil || high != nil else { return .success(nil) }
        let lo = low ?? value - ((high ?? value) - value), hi = high ?? value + (value - lo)
        switch name {
        case "", "normal":
            return .success(.normal(mean: value, sd: max(value - lo, hi - value) / z975))
        case "lognormal":
            guard lo > 0, hi > lo else { return .failure(DistributionError("lognormal needs 0 < low < high")) }
            return .success(.lognormal(mu: (log(lo) + log(hi)) / 2, sigma: (log(hi) - log(lo)) / (2 * z975)))
        case "uniform":
            guard hi > lo else { return .failure(DistributionError("uniform needs low < high")) }
            return .success(.uniform(low: lo, high: hi))
        case "triangular":
            guard hi > lo, lo <= value, value <= hi else {
                return .failure(DistributionError("triangular needs low ≤ value ≤ high and low < high"))
            }
            return .success(.triangular(low: lo, mode: value, high: hi))
        default:
            return .failure(DistributionError("unknown distribution '\(name)'; expected one of "
                                              + names.joined(separator: ", ") + " (or empty for normal)"))
        }
    }

    /// A normal distribution of ± `percent` (95 %) around `value`.
    public static func percent(_ percent: Double, of value: Double) -> Distribution {
        percent == 0 ? .fixed(value) : .normal(mean: value, sd: abs(value) * percent / 100 / z975)
    }

    /// A draw from the distribution truncated to `bounds` (a convenience over ``Sampler``, which precomputes the
    /// truncation once for many draws).
    public func draw(_ rng: inout Xoshiro256, bounds: ClosedRange<Double>) -> Double {
        Sampler(self, bounds: bounds).draw(&rng)
    }
}

/// Draws from a ``Distribution`` truncated to bounds, by the inverse CDF restricted to the bounds' part of the
/// probability (one uniform per draw), never by clamping or rejection.
public struct Sampler: Hashable, Sendable {
    /// The distribution.
    public let distribution: Distribution
    /// The bounds.
    public let bounds: ClosedRange<Double>
    /// The probability below each bound.
    let a: Double, b: Double

    /// Prepares draws of `distribution` within `bounds`.
    public init(_ distribution: Distribution, bounds: ClosedRange<Double>) {
        self.distribution = distribution
        self.bounds = bounds
        switch distribution {
        case .fixed: (a, b) = (0, 1)
        case let .normal(m, s):
            (a, b) = s > 0 ? (StandardNormal.cdf((bounds.lowerBound - m) / s), StandardNormal.cdf((bounds.upperBound - m) / s)) : (0, 1)
        case let .lognormal(mu, sigma):
            a = bounds.lowerBound > 0 && sigma > 0 ? StandardNormal.cdf((log(bounds.lowerBound) - mu) / sigma) : 0
            b = bounds.upperBound.isFinite && sigma > 0 ? StandardNormal.cdf((log(bounds.upperBound) - mu) / sigma) : 1
        case let .uniform(l, h):
            (a, b) = h > l ? (min(max((bounds.lowerBound - l) / (h - l), 0), 1), min(max((bounds.upperBound - l) / (h - l), 0), 1)) : (0, 1)
        case let .triangular(l, c, h):
            func cdf(_ x: Double) -> Double {
                if x <= l { return 0 }
                if x >= h { return 1 }
                return x <= c ? (x - l) * (x - l) / ((h - l) * (c - l)) : 1 - (h - x) * (h - x) / ((h - l) * (h - c))
            }
            (a, b) = (cdf(bounds.lowerBound), cdf(bounds.upperBound))
        }
    }

    /// One draw, using one uniform of `rng` (none for a fixed value).
    @inline(__always) public func draw(_ rng: inout Xoshiro256) -> Double {
        let x: Double
        switch distribution {
        case let .fixed(v): return v
        case let .normal(m, s):
            guard s > 0 else { return m }
            x = m + s * StandardNormal.quantile(a + (b - a) * rng.nextUnit())
        case let .lognormal(mu, sigma):
            guard sigma > 0 else { return exp(mu) }
            x = exp(mu + sigma * StandardNormal.quantile(a + (b - a) * rng.nextUnit()))
        case let .uniform(l, h):
            x = l + (h - l) * (a + (b - a) * rng.nextUnit())
        case let .triangular(l, c, h):
            let u = a + (b - a) * rng.nextUnit()
            let fc = (c - l) / (h - l)
            x = u < fc ? l + (u * (h - l) * (c - l)).squareRoot() : h - ((1 - u) * (h - l) * (h - c)).squareRoot()
        }
        // Rounding at a bound's edge only.
        return min(max(x, bounds.lowerBound), bounds.upperBound)
    }
}

/// A distribution that does not fit its row.
public struct DistributionError: Error, Hashable, Sendable {
    /// What is wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
}

/// The standard normal CDF and quantile, without Foundation.
public enum StandardNormal {
    /// Φ(x), from the complementary error function: the Taylor series of erf below x = 2, a continued fraction
    /// above (accurate to about 1e-14; used for truncation bounds, once per input).
    public static func cdf(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : 0 }
        let z = x / 2.0.squareRoot()
        return z >= 0 ? 1 - erfc(z) / 2 : erfc(-z) / 2
    }

    /// erfc(x) for x ≥ 0: the Taylor series of erf below 2, a continued fraction above.
    static func erfc(_ x: Double) -> Double {
        if x < 2 {
            // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
            var term = x, sum = x, n = 0.0
            while abs(term) > 1e-17 * abs(sum) {
                n += 1
                term *= -x * x / n
                sum += term / (2 * n + 1)
            }
            return 1 - 2 / 1.7724538509055159 * sum
        }
        // Lentz's continued fraction: erfc(x) = e^(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
        var f = x, c = x, d = 0.0
        for k in 1...200 {
            let a = Double(k) / 2
            d = x + a * d
            d = d == 0 ? 1e-300 : 1 / d
            c = x + a / c
            if c == 0 { c = 1e-300 }
            let delta = c * d
            f *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x * x) / 1.7724538509055159 / f
    }

    /// Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation (relative error below 1.2e-9, ample for sampling).
    public static func quantile(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        let x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        return x
    }
}

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: a fast generator whose streams are fixed by a seed
/// and a stream number, so Monte Carlo draw `n` is the same whichever thread makes it.
public struct Xoshiro256: Sendable {
    var s: (UInt64, UInt64, UInt64, UInt64)

    /// The generator of stream `stream` under `seed`.
    public init(seed: UInt64, stream: UInt64) {
        var x = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (next(), next(), next(), next())
    }

    /// The next 64 random bits.
    @inline(__always) public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    /// A uniform double in the open interval (0, 1).
    @inline(__always) public mutating func nextUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
