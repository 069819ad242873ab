import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// The energy data corrections of issue 8 (methodology-corrections.md), one test per corrected row, and the choices
/// they made visible: natural-gas calibers and provincial grid factors.
@Suite("Energy data corrections")
struct EnergyCorrectionTests {
    static let stack = ["china-provincial-2011", "china-energy-statistics", "china-grid", "ipcc-2006"]

    /// The row the stack resolves for a lookup.
    func resolved(_ parameter: FactorParameter, _ item: String, _ category: String, technology: String? = nil,
                  region: String = "510802", year: Int = 2022) throws -> FactorRow {
        var log = DiagnosticLog()
        let ref = ReferenceReader.load(root: factorLibrary, log: &log)
        let sets = Self.stack.compactMap { ref.sets[$0] }
        let regions = RegionTree([Region(code: "510000", nameZH: "四川省", nameEN: "Sichuan", level: .province,
                                         parent: nil, totals: .sum, location: InputLocation(file: "t")),
                                  Region(code: "510802", nameZH: "利州区", nameEN: "Lizhou", level: .county,
                                         parent: "510000", totals: .sum, location: InputLocation(file: "t"))],
                                 diagnostics: &log)
        let library = FactorLibrary(sets: sets, regions: regions)
        let r = library.resolve(parameter, item: item, category: CategoryCode(category)!, technology: technology,
                                region: region, year: year)
        return try r.get().row
    }

    @Test("other primary solid biomass in 1.A.2: CH4 30 kg/TJ, IPCC 2006 Vol.2 Table 2.3 (EFDB #117865)")
    func biomassManufacturing() throws {
        let row = try resolved(.efCH4, "other_primary_solid_biomass", "1.A.2.c")
        #expect(row.value == 30 && row.unit.symbol == "kg/TJ" && row.source.contains("EFDB #117865"))
        // Straw has no IPCC row; other primary solid biomass applies, so it moves with it.
        let straw = try resolved(.efCH4, "straw", "1.A.2.c")
        #expect(straw.value == 30 && straw.source.contains("EFDB #117865"))
    }

    @Test("gas production fugitive CH4: 3.8E-04 Gg per 10^6 m3, the lower end of EFDB #124745 (0.00038-0.024)")
    func gasProduction() throws {
        let row = try resolved(.efCH4, "natural_gas", "1.B.2.b.iii.2")
        #expect(row.value == 3.8e-4 && row.low == 3.8e-4 && row.high == 2.4e-2 && row.source.contains("EFDB #124745"))
        // Through the pipeline: 1 亿立方米 = 100 × 10^6 m3 × 3.8E-04 Gg = 0.038 Gg = 38 t CH4.
        let p = try TestProject(years: [2022], activity: ["a.csv": [TestProject.header,
            "510802,2022,1.B.2.b.iii.2,oil_gas_system,natural_gas,1,亿立方米,production,,"].joined(separator: "\n")])
        defer { p.remove() }
        let c = p.compile()
        #expect(close(c.inventory?.row(InventoryKey(region: "510802", year: 2022, node: .total, gas: .gas(.ch4),
                                                    scope: .total))?.massTonnes, 38))
    }

    @Test("refinery gas NCV: 45 998 kJ/kg = 11 000 kcal × 4.1816, the yearbook's and the enterprise guideline's")
    func refineryGas() throws {
        let row = try resolved(.ncv, "refinery_gas", "1.A.1.b")
        #expect(row.value == 45998 && row.unit.symbol == "kJ/kg")
        #expect(row.source.contains("《中国能源统计年鉴》") && row.note.contains("46055"))
    }

    @Test("oxidation rates from one batch (NDRC 2015): other washed coal and briquettes 0.90, LPG and refinery gas 0.99")
    func oxidationBatch() throws {
        for (item, value) in [("other_washed_coal", 0.90), ("briquettes", 0.90), ("lpg", 0.99), ("refinery_gas", 0.99)] {
            let row = try resolved(.oxidation, item, "1.A.2")
            #expect(row.value == value, "\(item)")
            #expect(row.source.contains("2015") && row.note.contains("UNVERIFIED"), "\(item)")
        }
    }

    static let guangdong = """
        code,name_zh,name_en,level,parent
        440000,广东省,Guangdong,province,
        441500,汕尾市,Shanwei,city,440000
        441502,城区,Chengqu,county,441500
        """

    @Test("gasfield gas and provincial grid factors: the hand-computed energy intensity and indirect emissions")
    func gasfieldAndProvincialGrid() throws {
        // Shanwei's Chengqu, 2022: 1 000 万立方米 natural gas burnt in households, 1 亿千瓦时 net imported electricity,
        // GDP 10 亿元 at 2022 prices (= 100 000 万元).
        //   gasfield caliber: 10^7 m3 × 1.2143 kgce/m3 = 12 143 tce (the oilfield caliber would give 13 300);
        //   electricity, calorific equivalent: 10^8 kWh × 0.1229 kgce/kWh = 12 290 tce;
        //   energy intensity (24 433 tce) / (100 000 万元) = 0.24433 tce per 10^4 yuan;
        //   indirect CO2, Guangdong 2022 provincial factor 0.4403 t/MWh: 100 000 MWh × 0.4403 = 44 030 t
        //   (the 南方 regional factor 0.3869 would give 38 690 t);
        //   the gas's CO2: 10^7 m3 × 35.544 MJ/m3 = 355.44 TJ × 15.3 tC/TJ × 0.99 × 44/12 = 19 740.78216 t.
        let p = try TestProject(
            config: """
                {"name": "t", "years": [2022], "base_years": [2022], "gwp": "AR5", "factor_stack": [\(Self.stack.map { "\"\($0)\"" }.joined(separator: ", "))],
                 "calibers": {"natural_gas": "gasfield_gas"},
                 "factor_lookup": {"grid_ef": {"technology": "provincial"},
                                   "tce_coefficient": {"technology": "calorific_equivalent"}}}
                """,
            regions: Self.guangdong,
            activity: ["a.csv": [TestProject.header,
                                 "441502,2022,1.A.4.b,fuel_combustion,natural_gas,1000,万立方米,s,,",
                                 "441502,2022,IND.1,electricity_net_import,electricity,1,亿千瓦时,s,,"].joined(separator: "\n")],
            socio: ["441502,2022,gdp_constant,10,亿元,2022,s,"])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        #expect(c.succeeded && c.log.warningCount == 0, "\(c.log.sorted.map(\.description))")
        let inv = try #require(c.inventory)
        func mass(_ scope: EmissionScope) -> Double? {
            inv.row(InventoryKey(region: "441502", year: 2022, node: .total, gas: .gas(.co2), scope: scope))?.massTonnes
        }
        #expect(close(mass(.indirect), 44_030))
        #expect(close(mass(.total), 19_740.78216, rel: 1e-12))
        let rows = try readCSV(out + "/indicators.csv")
        func indicator(_ key: String) -> Double? {
            rows.first { $0["region"] == "441502" && $0["year"] == "2022" && $0["indicator"] == key }
                .flatMap { Double($0["value"] ?? "") }
        }
        #expect(close(indicator("energy_total_tce"), 24_433))
        #expect(close(indicator("energy_intensity"), 0.24433))
        // The choice is visible: in the manifest, and in the lineage of the lines it touched.
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"calibers\": {\n    \"natural_gas\": \"gasfield_gas\"\n  }"))
        let calc = try #require(c.calculation)
        let gasLine = try #require((0..<calc.lines.count).first { calc.template(of: $0).gas == .co2
                                                                   && calc.template(of: $0).scope == .total })
        #expect(calc.describe(gasLine).factors.first?.lookupNote == "caliber gasfield_gas of natural_gas (ghg-project.json calibers)")
    }

    @Test("natural gas without a caliber is an error naming both; an unknown caliber is an error listing them")
    func caliberRequired() throws {
        let rows = [TestProject.header, "510802,2022,1.A.4.b,fuel_combustion,natural_gas,1000,万立方米,s,,"]
        let none = try TestProject(years: [2022], activity: ["a.csv": rows.joined(separator: "\n")], calibers: [:])
        defer { none.remove() }
        let c = none.compile()
        #expect(c.log.sorted.filter { $0.severity == .error }.map(\.description).first?.hasPrefix(
            "activity/a.csv:2:37: error: 'natural_gas' has no 'ncv' without a caliber; the stack has 'gasfield_gas' and "
                + "'oilfield_gas': choose the one of the energy balance the project reports against in "
                + "ghg-project.json") == true)
        let typo = try TestProject(years: [2022], activity: ["a.csv": rows.joined(separator: "\n")],
                                   calibers: ["natural_gas": "gas_field"])
        defer { typo.remove() }
        #expect(typo.compile().log.sorted.map(\.description).contains(
            "ghg-project.json: error: calibers.natural_gas: 'gas_field' is not a caliber of 'natural_gas' in the stack; "
                + "expected one of 'gasfield_gas', 'oilfield_gas' [caliber]"))
    }

    @Test("a provincial grid factor asked for a year without one: the regional row, with a warning")
    func provincialFallbackWarned() throws {
        // 2023 has regional but no provincial factors: Sichuan 2023 takes 西南 0.2472 and is told.
        let p = try TestProject(years: [2023], lookup: #"{"grid_ef": {"technology": "provincial"}}"#,
                                activity: ["a.csv": [TestProject.header,
                                    "510802,2023,IND.1,electricity_net_import,electricity,1,亿千瓦时,s,,"].joined(separator: "\n")])
        defer { p.remove() }
        let c = p.compile()
        #expect(close(c.inventory?.row(InventoryKey(region: "510802", year: 2023, node: .total, gas: .gas(.co2),
                                                    scope: .indirect))?.massTonnes, 24_720))
        #expect(c.log.sorted.map(\.description).contains { $0.hasPrefix(
            "activity/a.csv:2:42: warning: factor 'grid_ef' with technology 'provincial'") && $0.hasSuffix("[caliber]") })
    }

    @Test("liquid fuel under 1.A.4.c without a sub-category is warned; under 1.A.4.c.ii it takes off-road factors")
    func agriculturalMachinery() throws {
        let p = try TestProject(years: [2022], activity: ["a.csv": [TestProject.header,
            "510802,2022,1.A.4.c,fuel_combustion,diesel,1,万吨,s,,",
            "510802,2022,1.A.4.c.ii,fuel_combustion,gasoline,1,万吨,s,,"].joined(separator: "\n")])
        defer { p.remove() }
        let c = p.compile()
        let warnings = c.log.sorted.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.count == 1 && warnings[0].hasPrefix("activity/a.csv:2:13: warning: liquid fuel 'diesel' under 1.A.4.c"))
    }
}
