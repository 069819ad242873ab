/// One point of a line: a numeric x (usually a year) and a value y in the chart's unit.
public struct Point: Sendable, Equatable {
    /// The horizontal position, usually a year such as 2005.
    public var x: Double
    /// The value at `x`, in the chart's unit.
    public var y: Double

    /// Creates a point.
    ///
    /// - Parameters:
    ///   - x: The horizontal position, usually a year.
    ///   - y: The value at `x`.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
