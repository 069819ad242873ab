import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// IPPU (sector 2): the test vectors TV12–TV20 of methodology.md §7.2 through the whole pipeline (project folder →
/// compile → the number read back from inventory.csv), a hand-worked example for every other method, and the bad
/// inputs of the sector. Factors are the shipped IPCC 2006 defaults (EFDB record in each test's name) unless a test
/// supplies its own.
@Suite("IPPU (sector 2)")
struct IPPUVectorTests {
    static let stack = ["china-provincial-2011", "china-energy-statistics", "china-grid", "ipcc-2006"]

    /// Compiles rows (and optionally a project factor set) for 510802 in 2022, writes the outputs, and returns the
    /// compilation and inventory.csv as read back.
    func run(_ rows: [String], stack: [String] = IPPUVectorTests.stack, factors: [String]? = nil)
        throws -> (Compilation, [[String: String]]) {
        let local = factors.map { rows in
            ["set.json": #"{"id": "plant", "version": "1"}"#,
             "f.csv": ([ReferenceReader.factorColumns.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"]
        }
        let p = try TestProject(stack: stack, years: [2022],
                                activity: ["ippu.csv": ([TestProject.header] + rows).joined(separator: "\n")],
                                factors: local)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        let inventory = c.succeeded ? try readCSV(out + "/inventory.csv") : []
        return (c, inventory)
    }

    /// A value of inventory.csv (county 510802, 2022, scope total).
    func value(_ rows: [[String: String]], _ category: String, _ gas: String, column: String = "mass_t",
               region: String = "510802") -> Double? {
        inventoryValue(rows, region: region, year: 2022, category: category, gas: gas, column: column)
    }

    func errors(_ c: Compilation) -> [String] { c.log.sorted.filter { $0.severity == .error }.map(\.description) }

    // MARK: Test vectors (methodology.md §7.2)

    @Test("TV12: 1 000 000 t cement of unknown type × clinker fraction 0.75 (EFDB #27511) × EF_cl 0.52 (EFDB #213926) = 390 000 t CO2")
    func tv12() throws {
        let (c, inv) = try run(["510802,2022,2.A.1,cement_production,cement,100,万吨,TV12,,"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.A.1", "CO2"), 390_000, rel: 1e-9))
        let calc = try #require(c.calculation)
        #expect(calc.describe(0).formula == "CO2 = M_c × C_cl × EF_cl = M_c 1000000 t × C_cl 0.75 × EF_cl 0.52 tCO2/t = 390000 t")
    }

    @Test("TV12b: EF_cl from the CaO route, 0.65 × 44.01/56.08 × 1.02 = 0.520304 t CO2/t clinker")
    func tv12b() throws {
        // A project set with CaO content and CKD correction only (it comes first in the stack, so its CaO route
        // decides): 1 t clinker gives 0.65 × 44.01/56.08 × 1.02 t CO2.
        let (c, inv) = try run(["510802,2022,2.A.1,clinker_production,clinker,1,t,TV12b,,"], factors: [
            "cao_content,clinker,,,,,,0.65,1,,,,plant clinker analysis,",
            "ckd_correction,clinker,,,,,,1.02,1,,,,IPCC 2006 Vol.3 Ch.2 default (EFDB #213927),",
        ])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.A.1", "CO2"), 0.65 * 44.01 / 56.08 * 1.02, rel: 1e-12))
        #expect(close(value(inv, "2.A.1", "CO2"), 0.520304, rel: 1e-6))
        #expect(c.calculation?.describe(0).formulaName == "clinker_co2_cao")
    }

    @Test("TV13: 800 000 t clinker × EF_cl 0.51 × CF_ckd 1.02 = 416 160 t CO2 (the plant's factor, 0.5202 with CKD)")
    func tv13() throws {
        let (c, inv) = try run(["510802,2022,2.A.1,clinker_production,clinker,80,万吨,TV13,,"], factors: [
            "ef_clinker,clinker,,,,,,0.5202,tCO2/t,,,,plant: 0.51 t CO2/t clinker × CKD correction 1.02,",
        ])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.A.1", "CO2"), 416_160, rel: 1e-9))
    }

    @Test("TV14: 100 000 t high-calcium lime × 0.75 t CO2/t (EFDB #23028) = 75 000 t CO2, rolled up to 2 and the province")
    func tv14() throws {
        let (c, inv) = try run(["510802,2022,2.A.2,lime_production,high_calcium_lime,100000,t,TV14,,"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.A.2", "CO2"), 75_000))
        #expect(close(value(inv, "2", "CO2"), 75_000))
        #expect(close(value(inv, "2.A.2", "CO2", region: "510000"), 75_000))
        let line = try #require(c.calculation).describe(0)
        #expect(line.formula == "CO2 = M × EF = M 100000 t × EF 0.75 tCO2/t = 75000 t")
        #expect(line.factors.first?.source.contains("EFDB #23028") == true)
    }

    @Test("TV15: 50 000 t glass × 0.20 (EFDB #213930) × (1 − cullet 0.30) = 7 000 t CO2")
    func tv15() throws {
        let (c, inv) = try run(["510802,2022,2.A.3,glass_production,glass,5,万吨,TV15,,"], factors: [
            "cullet_ratio,glass,,,,,,0.30,1,,,,plant cullet records 2022,",
        ])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.A.3", "CO2"), 7_000, rel: 1e-9))
    }

    @Test("TV16: 100 000 t NH3 × 37.5 GJ/t (EFDB #213978) × 15.3 kg C/GJ × COF 1 × 44/12 = 210 375 t CO2")
    func tv16() throws {
        // IPCC defaults only (the provincial oxidation rate 0.99 would apply otherwise: the stack decides).
        let (c, inv) = try run(["510802,2022,2.B.1,ammonia_production,natural_gas,10,万吨,TV16,,"], stack: ["ipcc-2006"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.B.1", "CO2"), 210_375, rel: 1e-9))
    }

    @Test("TV17: 200 000 t HNO3 × 9 kg/t, high-pressure plants (EFDB) = 1 800 t N2O")
    func tv17() throws {
        let (c, inv) = try run(["510802,2022,2.B.2,nitric_acid_production,nitric_acid,20,万吨,TV17,,high_pressure"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.B.2", "N2O"), 1_800, rel: 1e-9))
    }

    @Test("TV18: 50 000 t adipic acid × 0.300 t/t × (1 − 0.925 × 0.89), catalytic abatement = 2 651.25 t N2O")
    func tv18() throws {
        let (c, inv) = try run(["510802,2022,2.B.3,adipic_acid_production,adipic_acid,5,万吨,TV18,,catalytic"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.B.3", "N2O"), 2_651.25, rel: 1e-9))
    }

    @Test("TV19: 1 000 000 t BOF steel × 1.46 + 500 000 t EAF × 0.08 = 1 500 000 t CO2 (steel making emits no CH4 at Tier 1)")
    func tv19() throws {
        let (c, inv) = try run(["510802,2022,2.C.1,metal_production,bof_steel,100,万吨,TV19,,",
                                "510802,2022,2.C.1,metal_production,eaf_steel,50,万吨,TV19,,"])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "2.C.1", "CO2"), 1_500_000, rel: 1e-9))
        #expect(value(inv, "2.C.1", "CH4") == nil)
    }

    @Test("pig iron: CO2 1.35 t/t (EFDB #214092); its CH4 has no IPCC 2006 default in the EFDB and is reported as not estimated")
    func pigIron() throws {
        let (c, inv) = try run(["510802,2022,2.C.1,metal_production,pig_iron,1000,t,s,,"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.C.1", "CO2"), 1_350, rel: 1e-12))
        #expect(c.log.sorted.map(\.description) == [
            "activity/ippu.csv:2:36: warning: CH4 of 'pig_iron' is not estimated (NE): no 'ef_ch4' for it in the stack "
                + "[china-provincial-2011, china-energy-statistics, china-grid, ipcc-2006]; expected a row in the "
                + "project's factors/ folder if the plant emits it [missing-factor]",
        ])
    }

    @Test("TV20: 100 000 t primary aluminium, CWPB: 160 000 t CO2 + 40 t CF4 × 6 630 + 4 t C2F6 × 11 100 = 469 600 t CO2e (AR5)")
    func tv20() throws {
        let (c, inv) = try run(["510802,2022,2.C.3,metal_production,primary_aluminium,10,万吨,TV20,,cwpb"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.C.3", "CO2"), 160_000, rel: 1e-9))
        #expect(close(value(inv, "2.C.3", "CF4"), 40, rel: 1e-9))
        #expect(close(value(inv, "2.C.3", "C2F6"), 4, rel: 1e-9))
        #expect(close(value(inv, "2.C.3", "GHG", column: "co2e_t"), 469_600, rel: 1e-9))
    }

    // MARK: The other methods, worked by hand

    @Test("clinker trade: 10 000 t imported × 0.52 = −5 200 t; 2 000 t exported × 0.52 = +1 040 t; net with 100 000 t cement")
    func clinkerTrade() throws {
        // Cement 100 000 t × 0.95 (Portland, EFDB #27512) × 0.52 = 49 400; − 5 200 + 1 040 = 45 240 t CO2.
        let (c, inv) = try run(["510802,2022,2.A.1,cement_production,portland_cement,10,万吨,s,,",
                                "510802,2022,2.A.1,clinker_trade,clinker,1,万吨,customs,,import",
                                "510802,2022,2.A.1,clinker_trade,clinker,2000,t,customs,,export"])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "2.A.1", "CO2"), 49_400 - 5_200 + 1_040, rel: 1e-12))
        let calc = try #require(c.calculation)
        let texts = (0..<calc.lines.count).map { calc.describe($0).formula }
        #expect(texts.contains("CO2 = −1 × Im × EF_cl = −1 × Im 10000 t × EF_cl 0.52 tCO2/t = -5200 t (clinker imported: its "
            + "CO2 is in the cement data, not emitted here)"))
    }

    @Test("carbonate use: 10 000 t limestone × 0.43971 × 1 + 5 000 t dolomite flux in 2.C.1 × 0.47732 × 1 (EFDB #213919, #213921)")
    func carbonates() throws {
        let (c, inv) = try run(["510802,2022,2.A.4.d,carbonate_use,limestone,1,万吨,s,,",
                                "510802,2022,2.C.1,carbonate_use,dolomite,5000,t,s,,"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.A.4.d", "CO2"), 4_397.1, rel: 1e-12))
        #expect(close(value(inv, "2.C.1", "CO2"), 2_386.6, rel: 1e-12))
    }

    @Test("CO2 recovered for urea is subtracted: 210 375 − 50 000 = 160 375 t CO2 in 2.B.1")
    func co2Recovery() throws {
        let (c, inv) = try run(["510802,2022,2.B.1,ammonia_production,natural_gas,10,万吨,TV16,,",
                                "510802,2022,2.B.1,co2_recovery,co2,5,万吨,urea plant,,"], stack: ["ipcc-2006"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.B.1", "CO2"), 160_375, rel: 1e-9))
    }

    @Test("carbides: 10 000 t CaC2 × 1.090 = 10 900 t CO2 (no CH4); 1 000 t SiC × 2.62 t CO2 and × 11.6 kg CH4")
    func carbides() throws {
        let (c, inv) = try run(["510802,2022,2.B.5,carbide_production,calcium_carbide,1,万吨,s,,",
                                "510802,2022,2.B.5,carbide_production,silicon_carbide,1000,t,s,,"])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "2.B.5", "CO2"), 10_900 + 2_620, rel: 1e-12))
        #expect(close(value(inv, "2.B.5", "CH4"), 11.6, rel: 1e-12))
    }

    @Test("HCFC-22: 5 000 t from a recent plant × 0.03 kg HFC-23/kg (EFDB #214067) = 150 t HFC-23")
    func hcfc22() throws {
        let (c, inv) = try run(["510802,2022,2.B.9.a,hcfc22_production,hcfc_22,5000,t,s,,recent"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.B.9.a", "HFC-23"), 150, rel: 1e-12))
    }

    @Test("metals: sinter CO2 and CH4, FeSi 75 %, magnesium from dolomite and casting, lead, zinc")
    func metals() throws {
        // sinter 100 000 t × 0.20 = 20 000 t CO2 and × 0.07 kg = 7 t CH4; FeSi75 1 000 t × 4.0 = 4 000 t CO2 and
        // × 1.0 kg = 1 t CH4; Mg from dolomite 1 000 t × 5.13 = 5 130 t CO2; Mg cast 2 000 t × 1.0 kg = 2 t SF6;
        // lead 1 000 t × 0.52 = 520 t; zinc 1 000 t × 1.72 = 1 720 t CO2.
        let (c, inv) = try run(["510802,2022,2.C.1,metal_production,sinter,10,万吨,s,,",
                                "510802,2022,2.C.2,metal_production,ferrosilicon_75,1000,t,s,,",
                                "510802,2022,2.C.4,metal_production,magnesium,1000,t,s,,from_dolomite",
                                "510802,2022,2.C.4,metal_production,magnesium,2000,t,s,,casting",
                                "510802,2022,2.C.5,metal_production,lead,1000,t,s,,",
                                "510802,2022,2.C.6,metal_production,zinc,1000,t,s,,"])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "2.C.1", "CO2"), 20_000, rel: 1e-12))
        #expect(close(value(inv, "2.C.1", "CH4"), 7, rel: 1e-12))
        #expect(close(value(inv, "2.C.2", "CO2"), 4_000, rel: 1e-12))
        #expect(close(value(inv, "2.C.2", "CH4"), 1, rel: 1e-12))
        #expect(close(value(inv, "2.C.4", "CO2"), 5_130, rel: 1e-12))
        #expect(close(value(inv, "2.C.4", "SF6"), 2, rel: 1e-12))
        #expect(close(value(inv, "2.C.5", "CO2"), 520, rel: 1e-12))
        #expect(close(value(inv, "2.C.6", "CO2"), 1_720, rel: 1e-12))
    }

    @Test("SF6 equipment: a 50 t bank of closed-pressure HV switchgear × 2.6 %/yr (Europe, IPCC 2006 Table 8.3, EFDB #214453) = 1.3 t SF6")
    func sf6() throws {
        let (c, inv) = try run(["510802,2022,2.G.1,sf6_equipment,sf6,50,t,grid company,,closed_pressure_europe"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "2.G.1", "SF6"), 1.3, rel: 1e-12))
        #expect(close(value(inv, "2.G.1", "SF6", column: "co2e_t"), 1.3 * 23_500, rel: 1e-12))
    }

    // MARK: Bad input

    @Test("a fraction outside [0, 1] in a project factor set is a located error at load")
    func fractionOutOfRange() throws {
        let (c, _) = try run(["510802,2022,2.A.3,glass_production,glass,1,t,s,,"], factors: [
            "cullet_ratio,glass,,,,,,1.3,1,,,,plant,",
        ])
        #expect(errors(c).contains { $0.hasPrefix("factors/f.csv:2:") && $0.contains("out of range for parameter 'cullet_ratio'") })
    }

    @Test("negative production, an unknown cement type, an unknown cell technology, PFCs without a cell type, trade without direction")
    func badRows() throws {
        let (c, _) = try run([
            "510802,2022,2.A.2,lime_production,lime,-5,t,s,,",
            "510802,2022,2.A.1,cement_production,quick_cement,10,t,s,,",
            "510802,2022,2.C.3,metal_production,primary_aluminium,10,t,s,,cwbp",
            "510802,2022,2.C.3,metal_production,primary_aluminium,10,t,s,,prebake",
            "510802,2022,2.A.1,clinker_trade,clinker,10,t,s,,",
            "510802,2022,2.B.2,nitric_acid_production,nitric_acid,10,t,s,,",
        ])
        let e = errors(c)
        #expect(e.contains { $0.hasPrefix("activity/ippu.csv:2:40: error: negative value '-5' for activity 'lime_production'") }, "\(e)")
        #expect(e.contains { $0.hasPrefix("activity/ippu.csv:3:37: error: unknown item 'quick_cement'") })
        #expect(e.contains { $0.hasPrefix("activity/ippu.csv:4:") && $0.contains("technology 'cwbp'")
                             && $0.contains("the stack has it for technology 'cwpb', 'hss', 'prebake', 'soderberg', 'swpb', 'vss'") })
        #expect(e.contains { $0.hasPrefix("activity/ippu.csv:5:") && $0.contains("CF4 of primary aluminium needs the cell technology") })
        #expect(e.contains { $0.hasPrefix("activity/ippu.csv:6:") && $0.contains("clinker_trade needs the direction in 'technology'") })
        #expect(e.contains { $0.hasPrefix("activity/ippu.csv:7:") && $0.contains("name one in the row's 'technology' column") })
    }

    // MARK: The energy / IPPU boundary

    @Test("a measured plant total and a calculated value in one category are an error, unless a note says subset")
    func measuredAndCalculated() throws {
        let rows = ["510802,2022,2.A.2,lime_production,high_calcium_lime,1,万吨,s,,",
                    "510802,2022,2.A.2,direct_emission,CO2,7000,t,verified report,,"]
        let (c, _) = try run(rows)
        #expect(errors(c) == [
            "activity/ippu.csv:3: error: a measured total (direct_emission) and a calculated value (lime_production at "
                + "activity/ippu.csv:2) for category 2.A.2, region 510802, year 2022 would be counted twice; expected one "
                + "of them, or a note saying one is a subset of the other (e.g. '其中' or 'subset') [duplicate-row]",
        ])
        let (ok, inv) = try run(["510802,2022,2.A.2,lime_production,high_calcium_lime,1,万吨,s,,",
                                 "510802,2022,2.A.2,direct_emission,CO2,0,t,verified report,其中: kiln 2 measured,"])
        #expect(ok.succeeded)
        #expect(close(value(inv, "2.A.2", "CO2"), 7_500))
    }

    @Test("coke burnt in 1.A.2.a beside steel production, and ammonia feedstock burnt in 1.A.2.c, are warned")
    func reductantsAndFeedstocks() throws {
        let (c, _) = try run(["510802,2022,2.C.1,metal_production,bof_steel,10,万吨,s,,",
                              "510802,2022,1.A.2.a,fuel_combustion,coke,1,万吨,s,,",
                              "510802,2022,2.B.1,ammonia_production,natural_gas,1,万吨,s,,",
                              "510802,2022,1.A.2.c,fuel_combustion,natural_gas,100,万立方米,s,,"])
        #expect(c.succeeded)
        let warnings = c.log.sorted.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.contains { $0.hasPrefix("activity/ippu.csv:3:37: warning: 'coke' burnt in 1.A.2.a while the region reports metal production") })
        #expect(warnings.contains { $0.hasPrefix("activity/ippu.csv:5:37: warning: 'natural_gas' burnt in 1.A.2.c while the region reports ammonia") })
    }
}
