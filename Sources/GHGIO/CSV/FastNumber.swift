import GHGCore

/// Decimal numbers parsed straight from the bytes of a CSV field, with the semantics of ``NumberParser``.
enum FastNumber {
    /// The value of the (already trimmed) bytes, or nil.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        FastDecimal.parse(UnsafeBufferPointer(start: p, count: n))
    }
}
