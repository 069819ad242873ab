/// Parses unit spellings, including the Chinese statistical multipliers and compound units.
///
/// Simple units are looked up with all white space removed, so `10^4 t`, `10^4t` and `万吨` all name the same unit.
/// A compound unit is a numerator and any number of denominators separated by `/`, each a simple unit:
/// `GJ/t`, `TJ/Gg`, `GJ/10^4 m3`, `tC/TJ`, `kg/head/yr`, `tCO2/MWh`. A mass unit in the numerator may carry a species
/// (`tC`, `kgCO2`, `t CH4`). `1` is a plain fraction and `%` is one hundredth.
///
/// No unit here converts between dimensions: there is deliberately no kcal (its joule value differs between the
/// 4.1816 of China's energy statistics and the 4.1868 of the international table) and no day (365 or 365.25).
public enum UnitRegistry {
    /// One simple unit: its spellings, scale to base and dimension.
    public struct Entry: Sendable {
        /// Every accepted spelling, white space removed.
        public let spellings: [String]
        /// Scale to the dimension's base unit.
        public let scale: Double
        /// The dimension.
        public let dimension: PhysicalDimension
    }

    /// Every simple unit the registry knows.
    public static let entries: [Entry] = {
        func e(_ s: [String], _ scale: Double, _ d: PhysicalDimension) -> Entry { Entry(spellings: s, scale: scale, dimension: d) }
        return [
            // Mass (base t).
            e(["t", "tonne", "吨"], 1, .mass),
            e(["kg", "千克", "公斤"], 1e-3, .mass),
            e(["g", "克"], 1e-6, .mass),
            e(["Gg", "kt", "10^3t", "千吨"], 1e3, .mass),
            e(["10^4t", "万吨", "万t"], 1e4, .mass),
            e(["Mt", "10^6t", "百万吨"], 1e6, .mass),
            e(["10^8t", "亿吨"], 1e8, .mass),
            // Energy (base GJ).
            e(["J", "焦耳"], 1e-9, .energy),
            e(["kJ", "千焦"], 1e-6, .energy),
            e(["MJ", "兆焦"], 1e-3, .energy),
            e(["GJ", "吉焦", "百万千焦"], 1, .energy),
            e(["10^4GJ", "万吉焦"], 1e4, .energy),
            e(["TJ", "太焦"], 1e3, .energy),
            e(["PJ"], 1e6, .energy),
            // Volume (base m3; gas volumes in Chinese statistics are at standard conditions, so Nm3 is m3).
            e(["L", "l", "升"], 1e-3, .volume),
            e(["m3", "m³", "Nm3", "Nm³", "立方米", "标准立方米", "立方", "方"], 1, .volume),
            e(["10^3m3", "10^3Nm3", "千立方米"], 1e3, .volume),
            e(["10^4m3", "10^4m³", "10^4Nm3", "10^4Nm³", "万立方米", "万Nm3", "万Nm³", "万m3", "万m³", "万标准立方米", "万立方", "万方"], 1e4, .volume),
            e(["10^6m3", "10^6Nm3", "百万立方米"], 1e6, .volume),
            e(["10^8m3", "10^8m³", "10^8Nm3", "亿立方米", "亿m3", "亿m³", "亿Nm3", "亿Nm³", "亿立方", "亿方"], 1e8, .volume),
            // Electricity (base MWh).
            e(["kWh", "千瓦时", "度"], 1e-3, .electricity),
            e(["MWh", "兆瓦时"], 1, .electricity),
            e(["10^4kWh", "万千瓦时", "万kWh", "万度"], 10, .electricity),
            e(["GWh", "吉瓦时"], 1e3, .electricity),
            e(["10^8kWh", "亿千瓦时", "亿kWh", "亿度"], 1e5, .electricity),
            e(["TWh", "太瓦时"], 1e6, .electricity),
            // Standard coal equivalent (base tce).
            e(["gce", "克标准煤"], 1e-6, .standardCoal),
            e(["kgce", "千克标准煤", "公斤标准煤"], 1e-3, .standardCoal),
            e(["tce", "吨标准煤", "吨标煤"], 1, .standardCoal),
            e(["10^4tce", "万吨标准煤", "万tce", "万吨标煤"], 1e4, .standardCoal),
            // Area (base ha).
            e(["m2", "m²", "平方米"], 1e-4, .area),
            e(["亩", "mu"], 1.0 / 15.0, .area),
            e(["ha", "公顷"], 1, .area),
            e(["km2", "km²", "平方公里", "平方千米"], 100, .area),
            e(["10^4mu", "万亩"], 1e4 / 15.0, .area),
            e(["10^4ha", "万公顷"], 1e4, .area),
            // Head count (base head).
            e(["head", "头", "只", "匹"], 1, .headCount),
            e(["10^4head", "万头", "万只"], 1e4, .headCount),
            // Population (base person).
            e(["person", "persons", "人"], 1, .population),
            e(["10^4persons", "10^4person", "万人"], 1e4, .population),
            // Time (base yr). A day is 1/365 year, the convention of IPCC 2006 Vol.4 (Eq. 10.30: × 365 days).
            e(["yr", "a", "year", "年"], 1, .time),
            e(["d", "day", "天", "日"], 1.0 / 365.0, .time),
            // Currency (base yuan).
            e(["yuan", "元"], 1, .currency),
            e(["10^4yuan", "万元"], 1e4, .currency),
            e(["10^8yuan", "亿元"], 1e8, .currency),
            // Dimensionless.
            e(["1", "fraction"], 1, .dimensionless),
            e(["%", "percent"], 1e-2, .dimensionless),
            e(["‰", "permille"], 1e-3, .dimensionless),
        ]
    }()

    private static let table: [String: Entry] = {
        var t: [String: Entry] = [:]
        for entry in entries {
            for s in entry.spellings {
                precondition(t[s] == nil, "unit spelling \(s) registered twice")
                t[s] = entry
            }
        }
        return t
    }()

    /// Parses a unit spelling.
    ///
    /// - Complexity: O(n) in the length of the spelling.
    /// - Throws: ``UnitError/unknown(_:part:)`` naming the part that is not a known unit.
    public static func parse(_ text: String) throws(UnitError) -> MeasurementUnit {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw .unknown(text, part: text) }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        var scale = 1.0
        var dimension = PhysicalDimension.dimensionless
        var species: Species?
        var perSpecies: Species?
        for (i, part) in parts.enumerated() {
            let key = String(part.unicodeScalars.filter { $0 != " " && $0 != "\t" })
            guard !key.isEmpty else { throw .unknown(trimmed, part: part) }
            var entry = table[key]
            // A mass unit followed by a species: tC, kgCO2, t CH4 in the numerator; kg BOD, t N in a denominator.
            if entry == nil, let (e, sp) = massWithSpecies(key) {
                entry = e
                if i == 0 {
                    species = sp
                } else {
                    guard perSpecies == nil else { throw .unknown(trimmed, part: part) }
                    perSpecies = sp
                }
            }
            guard let entry else { throw .unknown(trimmed, part: part) }
            if i == 0 { scale = entry.scale; dimension = entry.dimension }
            else { scale /= entry.scale; dimension = dimension / entry.dimension }
        }
        return MeasurementUnit(symbol: trimmed, scale: scale, dimension: dimension, species: species,
                               perSpecies: perSpecies)
    }

    private static func massWithSpecies(_ key: String) -> (Entry, Species)? {
        for sp in Species.suffixes where key.hasSuffix(sp.rawValue) {
            let stem = String(key.dropLast(sp.rawValue.count))
            if let entry = table[stem], entry.dimension == .mass { return (entry, sp) }
        }
        return nil
    }

    /// The spellings of every simple unit, grouped by dimension, for `ghg units` and documentation.
    public static var catalogue: [(dimension: PhysicalDimension, spellings: [String], scale: Double)] {
        entries.map { ($0.dimension, $0.spellings, $0.scale) }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and ideographic spaces.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\u{3000}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
