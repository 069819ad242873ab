/// The chemical species a mass is counted as: carbon (`tC`), a gas (`tCO2`), or nitrogen (`kg N`).
///
/// Following openscm-units, the registry never converts between species: tC is not tCO2. A method that needs CO2 from
/// carbon multiplies by 44/12 itself, visibly, in the formula it records.
public struct Species: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The species' symbol.
    public let rawValue: String
    /// Creates a species.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The species' symbol.
    public var description: String { rawValue }

    /// Carbon.
    public static let carbon = Species(rawValue: "C")
    /// Carbon dioxide.
    public static let co2 = Species(rawValue: "CO2")
    /// Methane.
    public static let ch4 = Species(rawValue: "CH4")
    /// Nitrous oxide.
    public static let n2o = Species(rawValue: "N2O")
    /// Nitrogen.
    public static let nitrogen = Species(rawValue: "N")

    /// Biochemical oxygen demand (organic load of wastewater, IPCC 2006 Vol.5 Ch.6).
    public static let bod = Species(rawValue: "BOD")
    /// Chemical oxygen demand (organic load of wastewater, IPCC 2006 Vol.5 Ch.6).
    public static let cod = Species(rawValue: "COD")
    /// Tetrafluoromethane (PFC-14).
    public static let cf4 = Species(rawValue: "CF4")
    /// Hexafluoroethane (PFC-116).
    public static let c2f6 = Species(rawValue: "C2F6")
    /// Sulphur hexafluoride.
    public static let sf6 = Species(rawValue: "SF6")
    /// Trifluoromethane (HFC-23).
    public static let hfc23 = Species(rawValue: "HFC-23")

    /// Species that may follow a mass unit (`tC`, `kgCO2`, `t N2O`, `kg BOD`), longest symbol first for parsing.
    public static let suffixes: [Species] = [.hfc23, .c2f6, .co2, .ch4, .n2o, .cf4, .sf6, .bod, .cod, .carbon,
                                             .nitrogen]

    /// The species a gas's mass is counted as, when the gas is one of the species above.
    public init?(gas: Gas) {
        switch gas {
        case .co2: self = .co2
        case .ch4: self = .ch4
        case .n2o: self = .n2o
        case .cf4: self = .cf4
        case .c2f6: self = .c2f6
        case .sf6: self = .sf6
        case .hfc23: self = .hfc23
        default: return nil
        }
    }
}
