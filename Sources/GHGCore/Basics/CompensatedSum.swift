/// A compensated running sum: Neumaier's algorithm, with a correction term that keeps the bits lost to rounding.
///
/// Partial sums can be merged, so the roll-up sums leaf cells once and then merges cells up the category and region
/// trees. With a fixed grouping the result is deterministic whatever the thread count; and since each partial sum is
/// accurate to about 2⁻¹⁰⁶ of the magnitudes summed, the final rounding almost always gives the correctly rounded sum,
/// the same whatever the grouping (on the demo project every inventory row equals the exactly rounded sum).
public struct CompensatedSum: Hashable, Sendable {
    @usableFromInline var sum = 0.0
    @usableFromInline var compensation = 0.0
    /// Creates a zero sum.
    @inlinable public init() {}
    /// Adds a term.
    @inlinable public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }
    /// Adds another partial sum.
    @inlinable public mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        compensation += other.compensation
    }
    /// The sum.
    @inlinable public var value: Double { sum + compensation }
}
