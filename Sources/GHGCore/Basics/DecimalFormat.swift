/// The one number formatter of every output: the shortest decimal that reads back as the same `Double`, written in
/// plain positional notation, with no locale, no grouping and no exponent.
///
/// `244068.0` prints as `244068`, `0.0202` as `0.0202`, `1e-05` as `0.00001`, `1.5e+16` as `15000000000000000`.
/// Because it round-trips, a value read back from `inventory.csv` is bit-for-bit the computed one.
public enum DecimalFormat {
    /// Formats a finite value; `nan`, `inf` and `-inf` for the others.
    ///
    /// The digits are found by ``FastDecimal`` (Schubfach, shortest then closest, ties to even: the same as Swift's
    /// `description`) and written straight into bytes.
    public static func string(_ x: Double) -> String { FastDecimal.string(x) }
}

extension DecimalFormat {
    /// Appends the bytes of ``string(_:)`` to a buffer (the path of large outputs).
    @inline(__always)
    public static func append(_ x: Double, to bytes: inout [UInt8]) { FastDecimal.append(x, to: &bytes) }
}
