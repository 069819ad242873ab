/// A greenhouse gas, named as the IPCC and UNFCCC tables name it (`CO2`, `CH4`, `N2O`, `HFC-23`, `CF4`, `SF6`, ...).
///
/// An open set of names: the gases the compiler reports are static members, and any gas that `gwp.csv` lists can be
/// written. Spelling is normalised (`co2` and `CO₂` are `CO2`).
public struct Gas: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical name.
    public let rawValue: String

    /// Creates a gas from its canonical name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Parses a user spelling: case-insensitive, subscript digits allowed, surrounding spaces ignored.
    /// Returns nil for an empty string.
    public init?(parsing text: String) {
        var s = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "₀"..."₉": s.unicodeScalars.append(Unicode.Scalar(ch.value - 0x2080 + 0x30)!)
            case " ", "\t": continue
            default: s.unicodeScalars.append(ch)
            }
        }
        guard !s.isEmpty else { return nil }
        let upper = s.uppercased()
        if let known = Gas.known.first(where: { $0.rawValue.uppercased() == upper }) {
            self = known
        } else {
            // HFCs keep their lower-case suffix letters (HFC-134a, HFC-245fa).
            self.init(rawValue: upper.hasPrefix("HFC-") ? "HFC-" + s.dropFirst(4) : s)
        }
    }

    /// The canonical name.
    public var description: String { rawValue }

    /// Orders the main gases first (CO2, CH4, N2O), then the fluorinated gases, then by name.
    public static func < (a: Gas, b: Gas) -> Bool {
        let ra = Gas.rank[a.rawValue] ?? Int.max, rb = Gas.rank[b.rawValue] ?? Int.max
        return ra != rb ? ra < rb : a.rawValue < b.rawValue
    }

    /// Carbon dioxide.
    public static let co2 = Gas(rawValue: "CO2")
    /// Methane.
    public static let ch4 = Gas(rawValue: "CH4")
    /// Nitrous oxide.
    public static let n2o = Gas(rawValue: "N2O")
    /// Trifluoromethane (from HCFC-22 production).
    public static let hfc23 = Gas(rawValue: "HFC-23")
    /// 1,1,1,2-Tetrafluoroethane.
    public static let hfc134a = Gas(rawValue: "HFC-134a")
    /// Tetrafluoromethane (PFC-14).
    public static let cf4 = Gas(rawValue: "CF4")
    /// Hexafluoroethane (PFC-116).
    public static let c2f6 = Gas(rawValue: "C2F6")
    /// Sulphur hexafluoride.
    public static let sf6 = Gas(rawValue: "SF6")
    /// Nitrogen trifluoride.
    public static let nf3 = Gas(rawValue: "NF3")

    /// The gases with static members, in reporting order.
    public static let known: [Gas] = [.co2, .ch4, .n2o, .hfc23, .hfc134a, .cf4, .c2f6, .sf6, .nf3]

    private static let rank: [String: Int] = {
        var r: [String: Int] = [:]
        for (i, g) in known.enumerated() { r[g.rawValue] = i }
        return r
    }()
}
