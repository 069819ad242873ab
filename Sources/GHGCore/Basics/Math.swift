// Elementary functions without Foundation: the core computes declines and decay with these.

/// `x^y` for positive `x`, without Foundation: `exp(y · ln x)` by argument reduction and series; nil for `x ≤ 0`.
@usableFromInline
func pow(_ x: Double, _ y: Double) -> Double? {
    guard x > 0, x.isFinite, y.isFinite else { return nil }
    return exp(y * log(x))
}

/// Natural logarithm by reduction to [1, 2) and the atanh series; accurate to a few ulps.
@usableFromInline
func log(_ x: Double) -> Double {
    var m = x.significand  // in [1, 2)
    var e = Double(x.exponent)
    if m > 1.4142135623730951 { m /= 2; e += 1 }
    let s = (m - 1) / (m + 1), s2 = s * s
    var term = s, sum = 0.0, k = 1.0
    while abs(term / k) > 1e-18 { sum += term / k; term *= s2; k += 2 }
    return 2 * sum + e * 0.6931471805599453
}

/// Exponential by reduction `e^x = 2^k · e^r` and a Taylor series.
@usableFromInline
func exp(_ x: Double) -> Double {
    let k = (x / 0.6931471805599453).rounded()
    let r = x - k * 0.6931471805599453
    var term = 1.0, sum = 1.0, n = 1.0
    while abs(term) > 1e-18 { term *= r / n; sum += term; n += 1 }
    return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
}
