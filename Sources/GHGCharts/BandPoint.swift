/// One point of an uncertainty band: the lower and upper value at a numeric x (usually a year).
public struct BandPoint: Sendable, Equatable {
    /// The horizontal position, usually a year such as 2030.
    public var x: Double
    /// The lower edge of the band at `x`, in the chart's unit.
    public var low: Double
    /// The upper edge of the band at `x`, in the chart's unit.
    public var high: Double

    /// Creates a band point.
    ///
    /// - Parameters:
    ///   - x: The horizontal position, usually a year.
    ///   - low: The lower edge of the band at `x`.
    ///   - high: The upper edge of the band at `x`.
    public init(x: Double, low: Double, high: Double) {
        self.x = x
        self.low = low
        self.high = high
    }
}
