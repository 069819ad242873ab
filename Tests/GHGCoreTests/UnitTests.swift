import GHGTestSupport
import Testing
import GHGCore

/// One spelling and what the registry must make of it.
struct UnitCase: Sendable, CustomTestStringConvertible {
    let spelling: String
    let scale: Double
    let dimension: PhysicalDimension
    let species: Species?
    var testDescription: String { spelling }

    init(_ spelling: String, _ scale: Double, _ dimension: PhysicalDimension, _ species: Species? = nil) {
        self.spelling = spelling
        self.scale = scale
        self.dimension = dimension
        self.species = species
    }
}

/// `a` and `b` agree to a relative 1e-12 (for scales that are quotients of decimal powers).
private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(a), abs(b)) }

@Suite("UnitRegistry and MeasurementUnit")
struct UnitTests {
    // Base units (PhysicalDimension.swift, BaseDimension.baseUnit): t, GJ, m3, MWh, tce, ha, head, yr.
    static let compound: [UnitCase] = [
        UnitCase("GJ/t", 1, .energy / .mass),                   // 1 GJ / 1 t
        UnitCase("TJ/Gg", 1, .energy / .mass),                  // 10^3 GJ / 10^3 t (methodology.md §0.2)
        UnitCase("kJ/kg", 1e-3, .energy / .mass),               // 10^-6 GJ / 10^-3 t
        UnitCase("kJ/m3", 1e-6, .energy / .volume),             // 10^-6 GJ / 1 m3
        UnitCase("GJ/10^4 m3", 1e-4, .energy / .volume),        // 1 GJ / 10^4 m3
        UnitCase("tC/TJ", 1e-3, .mass / .energy, .carbon),      // 1 t / 10^3 GJ, counted as C
        UnitCase("kg/GJ", 1e-3, .mass / .energy),               // 10^-3 t / 1 GJ
        UnitCase("kg/TJ", 1e-6, .mass / .energy),               // 10^-3 t / 10^3 GJ (methodology.md §0.2)
        UnitCase("tCO2/MWh", 1, .mass / .electricity, .co2),    // 1 t / 1 MWh, counted as CO2
        UnitCase("kg/head/yr", 1e-3, .mass / .headCount / .time),
        UnitCase("%", 0.01, .dimensionless),
        UnitCase("1", 1, .dimensionless),
    ]

    // DESIGN.md §3 and methodology.md §0.2: 万 = 10^4, 亿 = 10^8; 万千瓦时 = 10^4 kWh = 10 MWh; 亿千瓦时 = 10^8 kWh = 10^5 MWh;
    // 1 亩 = 1/15 ha.
    static let chinese: [UnitCase] = [
        UnitCase("万吨", 1e4, .mass),
        UnitCase("10^4 t", 1e4, .mass),
        UnitCase("万立方米", 1e4, .volume),
        UnitCase("亿立方米", 1e8, .volume),
        UnitCase("10^8 m3", 1e8, .volume),
        UnitCase("万千瓦时", 10, .electricity),
        UnitCase("亿千瓦时", 1e5, .electricity),
        UnitCase("吨标准煤", 1, .standardCoal),
        UnitCase("tce", 1, .standardCoal),
        UnitCase("万吨标准煤", 1e4, .standardCoal),
        UnitCase("亩", 1.0 / 15.0, .area),
    ]

    @Test("compound and dimensionless units parse with the right scale, dimension and species", arguments: compound)
    func parsesCompound(_ c: UnitCase) throws {
        let u = try UnitRegistry.parse(c.spelling)
        #expect(u.symbol == c.spelling)
        #expect(close(u.scale, c.scale), "scale \(u.scale), expected \(c.scale)")
        #expect(u.dimension == c.dimension)
        #expect(u.species == c.species)
    }

    @Test("Chinese statistical multipliers parse with the right scale and dimension", arguments: chinese)
    func parsesChinese(_ c: UnitCase) throws {
        let u = try UnitRegistry.parse(c.spelling)
        #expect(u.scale == c.scale)
        #expect(u.dimension == c.dimension)
        #expect(u.species == nil)
    }

    @Test func dimensionDescriptions() throws {
        #expect(try UnitRegistry.parse("kg/head/yr").dimension.description == "mass/(head count·time)")
        #expect(try UnitRegistry.parse("GJ/t").dimension.description == "energy/mass")
        #expect(try UnitRegistry.parse("%").dimension.description == "dimensionless")
        #expect(try UnitRegistry.parse("tce").dimension.description == "standard coal")
    }

    @Test func speciesInTheNumerator() throws {
        #expect(try UnitRegistry.parse("kgCO2/TJ").species == .co2)
        #expect(try UnitRegistry.parse("t CH4").species == .ch4)
        #expect(try UnitRegistry.parse("kg N2O/TJ").species == .n2o)
        #expect(try UnitRegistry.parse("kg N").species == .nitrogen)
        // 1 kg / 10^3 GJ = 10^-6 t/GJ
        #expect(try UnitRegistry.parse("kgCO2/TJ").scale == 1e-6)
    }

    @Test func convertsThroughBaseUnits() throws {
        // 3 万吨 = 3 × 10^4 t = 30000 t (methodology.md §0.2, DESIGN.md §3: 万吨 = 10^4 t)
        #expect(try UnitRegistry.parse("万吨").convert(3, to: UnitRegistry.parse("t")) == 30000)
        // 2 亿立方米 = 2 × 10^8 m3 = 2 × 10^8 / 10^4 万立方米 = 20000 万立方米
        #expect(try UnitRegistry.parse("亿立方米").convert(2, to: UnitRegistry.parse("万立方米")) == 20000)
        // 1 TJ/Gg = 10^3 GJ / 10^3 t = 1 GJ/t
        let tjPerGg = try UnitRegistry.parse("TJ/Gg"), gjPerT = try UnitRegistry.parse("GJ/t")
        #expect(tjPerGg.scale == gjPerT.scale)
        #expect(try tjPerGg.convert(25.8, to: gjPerT) == 25.8)
        // 389.31 GJ/10^4 m3 = 389.31 / 10^4 GJ/m3 = 0.038931 GJ/m3 (methodology.md §3.3, natural gas NCV)
        #expect(try UnitRegistry.parse("GJ/10^4 m3").convert(389.31, to: UnitRegistry.parse("GJ/m3")) == 0.038931)
        // 5 万千瓦时 = 5 × 10^4 kWh = 50 MWh; 1 亿千瓦时 = 10^8 kWh = 10^4 万千瓦时
        #expect(try UnitRegistry.parse("万千瓦时").convert(5, to: UnitRegistry.parse("MWh")) == 50)
        #expect(try UnitRegistry.parse("亿千瓦时").convert(1, to: UnitRegistry.parse("万千瓦时")) == 1e4)
        // 2 万吨标准煤 = 20000 tce
        #expect(try UnitRegistry.parse("万吨标准煤").convert(2, to: UnitRegistry.parse("tce")) == 20000)
        // 15 亩 = 1 ha
        #expect(try UnitRegistry.parse("亩").convert(15, to: UnitRegistry.parse("ha")) == 1)
        // 74 100 kg/TJ = 0.0741 t/GJ (methodology.md §0.2: kg/TJ applied to TJ gives kg)
        #expect(try close(UnitRegistry.parse("kg/TJ").convert(74100, to: UnitRegistry.parse("t/GJ")), 0.0741))
        // toBase: 1.5 万吨 = 15000 t
        #expect(try UnitRegistry.parse("万吨").toBase(1.5) == 15000)
    }

    @Test func dimensionMismatchThrows() throws {
        let pairs = [("t", "m3"), ("MWh", "GJ"), ("tce", "GJ"), ("GJ/t", "GJ/m3")]
        for (a, b) in pairs {
            let from = try UnitRegistry.parse(a), to = try UnitRegistry.parse(b)
            #expect(throws: UnitError.dimensionMismatch(from: from, to: to)) { try from.convert(1, to: to) }
        }
        let error = #expect(throws: UnitError.self) {
            try UnitRegistry.parse("MWh").convert(1, to: UnitRegistry.parse("GJ"))
        }
        #expect(error?.description == "unit 'MWh' (electricity) cannot be converted to 'GJ' (energy)")
    }

    @Test func speciesMismatchThrows() throws {
        let tC = try UnitRegistry.parse("tC"), tCO2 = try UnitRegistry.parse("tCO2")
        #expect(tC.dimension == tCO2.dimension)
        #expect(throws: UnitError.speciesMismatch(from: tC, to: tCO2)) { try tC.convert(12, to: tCO2) }
        let error = #expect(throws: UnitError.self) { try tC.convert(12, to: tCO2) }
        #expect(error?.description == "unit 'tC' counts C but 'tCO2' counts CO2; species are never converted implicitly")
        // A plain mass converts to and from a species mass: 1 t = 1000 kgCO2.
        #expect(try UnitRegistry.parse("t").convert(1, to: UnitRegistry.parse("kgCO2")) == 1000)
    }

    @Test func unknownUnitNamesTheUnit() {
        let expected = "; expected a unit such as t, 万吨, 10^4 m3, 亿立方米, 万千瓦时, tce, GJ/t, tC/TJ, kg/TJ or %"
        #expect(throws: UnitError.unknown("万顿", part: "万顿")) { try UnitRegistry.parse("万顿") }
        let e1 = #expect(throws: UnitError.self) { try UnitRegistry.parse("万顿") }
        #expect(e1?.description == "unknown unit '万顿'" + expected)
        #expect(throws: UnitError.unknown("GJ/万顿", part: "万顿")) { try UnitRegistry.parse("GJ/万顿") }
        let e2 = #expect(throws: UnitError.self) { try UnitRegistry.parse("GJ/万顿") }
        #expect(e2?.description == "unknown unit '万顿' in 'GJ/万顿'" + expected)
    }

    @Test func emptyAndMalformedSpellingsThrow() {
        #expect(throws: UnitError.unknown("", part: "")) { try UnitRegistry.parse("") }
        #expect(throws: UnitError.unknown("GJ/", part: "")) { try UnitRegistry.parse("GJ/") }
        // A species on a denominator mass counts what the quantity is per (kg CH4/kg BOD); two denominator species
        // are one too many.
        let perBOD = try? UnitRegistry.parse("kg CH4/kg BOD")
        #expect(perBOD?.species == .ch4 && perBOD?.perSpecies == .bod && perBOD?.dimension == .dimensionless)
        #expect(perBOD?.baseSymbol == "tCH4/tBOD")
        #expect(throws: UnitError.unknown("t/kgN/kgC", part: "kgC")) { try UnitRegistry.parse("t/kgN/kgC") }
        // No kcal in the registry (UnitRegistry doc comment).
        #expect(throws: UnitError.unknown("kcal", part: "kcal")) { try UnitRegistry.parse("kcal") }
    }

    @Test func baseSymbols() throws {
        #expect(try UnitRegistry.parse("tC/TJ").baseSymbol == "tC/GJ")
        #expect(try UnitRegistry.parse("GJ/10^4 m3").baseSymbol == "GJ/m3")
        #expect(try UnitRegistry.parse("万吨").baseSymbol == "t")
        #expect(try UnitRegistry.parse("kg/head/yr").baseSymbol == "t/head/yr")
        #expect(try UnitRegistry.parse("%").baseSymbol == "1")
        #expect(try UnitRegistry.parse("tCO2/万千瓦时").baseSymbol == "tCO2/MWh")
    }

    @Test func whiteSpaceVariants() throws {
        let tight = try UnitRegistry.parse("10^4t")
        let padded = try UnitRegistry.parse(" 10^4 t ")
        #expect(tight.scale == 1e4 && tight.dimension == .mass)
        #expect(padded.scale == 1e4 && padded.dimension == .mass)
        // The symbol keeps the spelling, trimmed at the ends only.
        #expect(padded.symbol == "10^4 t")
        #expect(try UnitRegistry.parse("\u{3000}万吨\t").symbol == "万吨")
        #expect(try UnitRegistry.parse("GJ / 10^4 m3").scale == 1e-4)
    }

    /// Spellings mixing Chinese multipliers with ASCII or superscript units, as found in statistical tables.
    @Test func mixedChineseSpellings() throws {
        #expect(try UnitRegistry.parse("万t").scale == 1e4)            // 万 = 10^4
        #expect(try UnitRegistry.parse("万m³").scale == 1e4)
        #expect(try UnitRegistry.parse("万Nm³").dimension == .volume)
        #expect(try UnitRegistry.parse("亿m³").scale == 1e8)            // 亿 = 10^8
        #expect(try UnitRegistry.parse("万tce").dimension == .standardCoal)
    }
}
