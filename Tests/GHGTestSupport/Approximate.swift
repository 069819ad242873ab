/// Whether two numbers agree to a relative tolerance: the one approximate equality of the tests.
///
/// `|a − b| ≤ rel × max(|a|, |b|)`; nil never agrees. Exact agreement is tested with `==`, not with this.
public func close(_ a: Double?, _ b: Double, rel: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)
}
