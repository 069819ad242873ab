/// An affine map from a value domain to a pixel range, e.g. emissions to the y coordinates of a plot.
struct LinearMap {
    /// The domain value mapped to `start`.
    let domainStart: Double
    /// The domain value mapped to `end`.
    let domainEnd: Double
    /// The pixel coordinate of `domainStart`.
    let start: Double
    /// The pixel coordinate of `domainEnd`.
    let end: Double

    /// Maps a domain value to pixels; an empty domain maps everything to the middle of the range.
    ///
    /// - Complexity: O(1).
    func callAsFunction(_ value: Double) -> Double {
        let span = domainEnd - domainStart
        guard span != 0, span.isFinite else { return (start + end) / 2 }
        return start + (value - domainStart) / span * (end - start)
    }
}
