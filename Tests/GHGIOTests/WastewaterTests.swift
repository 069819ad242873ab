import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Wastewater (4.D): TV34–TV36 of methodology.md §7.4 through the whole pipeline, hand-worked examples of every path
/// with the shipped `ipcc-2006-wastewater` defaults, and the bad inputs of the issue (a pathway without MCF, a load
/// whose basis does not match its factor or unit, sludge and recovery above what is generated).
@Suite("Waste (sector 4.D, wastewater)")
struct WastewaterTests {
    static let header = ReferenceReader.factorColumns.joined(separator: ",")

    struct Run {
        var compilation: Compilation
        var inventory: [[String: String]]
        var errors: [String] { compilation.log.sorted.filter { $0.severity == .error }.map(\.description) }
        var warnings: [String] { compilation.log.sorted.filter { $0.severity == .warning }.map(\.description) }
        func value(_ category: String, _ gas: String) -> Double? {
            inventoryValue(inventory, region: "510802", year: 2022, category: category, gas: gas)
        }
    }

    func run(_ rows: [String], factors: [String] = []) throws -> Run {
        let config = """
            {"name": "t", "years": [2022], "gwp": "AR5", "factor_stack": ["ipcc-2006-wastewater", "ipcc-2006"]}
            """
        let p = try TestProject(config: config, activity: ["wastewater.csv": ([TestProject.header] + rows)
                                                               .joined(separator: "\n")],
                                factors: ["set.json": #"{"id": "county", "version": "1"}"#,
                                          "f.csv": ([Self.header] + factors).joined(separator: "\n") + "\n"])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        return Run(compilation: c, inventory: c.succeeded ? try readCSV(out + "/inventory.csv") : [])
    }

    @Test("TV34: 1 000 000 persons, BOD 40 g/person/d, I 1.0, all septic (MCF 0.5), Bo 0.6 → TOW 14 600 t BOD, CH4 4 380 t")
    func tv34() throws {
        // TOW = 1 000 000 × 40 g/d × 365 d × 1.0 = 14 600 t BOD; CH4 = 14 600 × 0.6 × 0.5 = 4 380 t. BOD per person,
        // Bo and the septic MCF are the shipped ipcc-2006-wastewater rows; I (not shipped) is the project's.
        let r = try run(["510802,2022,4.D.1,domestic_wastewater,bod,100,万人,TV34,,septic"],
                        factors: ["codischarge_factor,bod,4.D.1,septic,,,,1.0,1,,,,TV34 (input; Eq. 6.3 uncollected),test"])
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.value("4.D.1", "CH4"), 4380, rel: 1e-12))
        let text = try #require(r.compilation.calculation).describe(0).formula
        // 40 g/person/d in base units (t per person-year) is 40 × 10^-6 × 365, which binary floating point holds as
        // 0.014599999999999998: the text shows the number the kernel used.
        #expect(text == "CH4 = TOW × Bo × MCF = (P 1000000 person × BOD 0.014599999999999998 t/yr/person × I 1 = TOW "
            + "14599.999999999998 t) × Bo 0.6 tCH4/tBOD × MCF 0.5 = 4379.999999999999 t", "\(text)")
    }

    @Test("TV35: 1 000 000 m3 at 2 kg COD/m3 through an anaerobic reactor (MCF 0.8), Bo 0.25, R 100 t → CH4 300 t")
    func tv35() throws {
        // TOW = 1 000 000 m3 × 2 kg/m3 = 2 000 t COD; 2 000 × 0.25 × 0.8 = 400 t; − R 100 t = 300 t.
        let r = try run(["510802,2022,4.D.2,industrial_wastewater,starch,1000000,m3,TV35,,anaerobic_reactor",
                         "510802,2022,4.D.2,methane_recovery,ch4,100,t,TV35 recovery,,"],
                        factors: ["cod_concentration,starch,4.D.2,,,,,2,kgCOD/m3,,,,TV35 (input),test"])
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.value("4.D.2", "CH4"), 300, rel: 1e-12))
    }

    @Test("TV36: 1 000 000 persons, protein 36.5 kg/yr, F_NPR 0.16, F_NON-CON 1.1, F_IND-COM 1.25, EF 0.005 × 44/28 → N2O 63.092857 t")
    func tv36() throws {
        // N = 1 000 000 × 36.5 × 0.16 × 1.1 × 1.25 kg = 8 030 t N; × 0.005 × 44/28 = 63.092857 t N2O.
        let r = try run(["510802,2022,4.D.1,domestic_wastewater,nitrogen,1000000,person,TV36,,sea_river_lake"],
                        factors: ["protein_per_capita,nitrogen,4.D.1,,,,,36.5,kg/person/yr,,,,TV36 (input),test"])
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.value("4.D.1", "N2O"), 63.092857142857, rel: 1e-12))
    }

    @Test("hand-worked: sludge, an industry's product, per-person plant N2O, and the 2019 effluent terms")
    func handWorked() throws {
        // Sludge: (10 000 − 2 000) t COD × 0.25 × 0.3 (overloaded aerobic plant) = 600 t CH4.
        // Pulp and paper: 1 000 t × 162 m3/t × 9 kg COD/m3 = 1 458 t COD × 0.25 × 0.8 (anaerobic reactor) = 291.6 t.
        // Plant N2O: 100 000 persons × F_IND-COM 1.25 × 3.2 g/person/yr = 0.4 t N2O (Eq. 6.9).
        // Effluent (project factors): 5 000 t BOD through a well-managed aerobic plant (MCF 0) removing 0.9, the
        // effluent MCF 0.11: 5 000 × (1 − 0.9) × 0.6 × 0.11 = 33 t CH4; 1 000 t N with 0.5 removed and EF 0.005:
        // 1 000 × 0.5 × 0.005 × 44/28 = 3.9285714 t N2O.
        let r = try run([
            "510802,2022,4.D.2,industrial_wastewater,cod,10000,t,plant,,centralised_aerobic_overloaded",
            "510802,2022,4.D.2,sludge_removal,cod,2000,t,sludge,,centralised_aerobic_overloaded",
            "510802,2022,4.D.2,industrial_wastewater,pulp_paper,1000,t,mill,,anaerobic_reactor",
            "510802,2022,4.D.1,domestic_wastewater,nitrogen,10,万人,served,,centralised_aerobic",
            "510802,2022,4.D.1,domestic_wastewater,bod,5000,t,plant,,centralised_aerobic",
        ], factors: ["tow_removal,,4.D.1,centralised_aerobic,,,,0.9,1,,,,2019 Refinement (project),test",
                     "mcf_effluent,,4.D.1,centralised_aerobic,,,,0.11,1,,,,2019 Refinement (project),test",
                     "protein_per_capita,nitrogen,4.D.1,,,,,36.5,kg/person/yr,,,,FAO (project),test"])
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.value("4.D.2", "CH4"), 600 + 291.6, rel: 1e-12))
        #expect(close(r.value("4.D.1", "N2O"), 0.4, rel: 1e-12))
        #expect(close(r.value("4.D.1", "CH4"), 33, rel: 1e-12))
        let n = try run(["510802,2022,4.D.1,domestic_wastewater,nitrogen,1000,t,plant effluent,,centralised_aerobic"],
                        factors: ["n_removal,nitrogen,4.D.1,centralised_aerobic,,,,0.5,1,,,,project,test",
                                  "ef_n2o_effluent,nitrogen,4.D.1,centralised_aerobic,,,,0.005,1,,,,project,test"])
        #expect(n.compilation.succeeded, "\(n.errors)")
        #expect(close(n.value("4.D.1", "N2O"), 1000 * 0.5 * 0.005 * 44 / 28, rel: 1e-12))
    }

    @Test("bad inputs: a pathway without MCF, a COD load with a BOD-basis Bo, a unit of the other basis, sludge and recovery above the load")
    func badInputs() throws {
        let pathway = try run(["510802,2022,4.D.1,domestic_wastewater,bod,100,t,s,,reed_bed"])
        #expect(pathway.errors.count == 1 && pathway.errors[0].hasPrefix("activity/wastewater.csv:2:")
            && pathway.errors[0].contains("no 'mcf' for the pathway 'reed_bed' of this domestic_wastewater row (4.D.1); "
                + "expected the treatment or discharge pathway in 'technology', one of 'anaerobic_lagoon', "), "\(pathway.errors)")
        // A project Bo for any item on the BOD basis, met by a COD load: an error, not a 2.4-fold overestimate.
        let basis = try run(["510802,2022,4.D.2,industrial_wastewater,cod,100,t,s,,septic"],
                            factors: ["bo,,4.D,,,,,0.6,kgCH4/kgBOD,,,,local study,test"])
        #expect(basis.errors == ["activity/wastewater.csv:2:41: error: factor 'bo' at factors/f.csv:2 (set county) has unit "
            + "'kgCH4/kgBOD' (dimensionless, counted as CH4); expected CH4 per COD, e.g. 0.25 kg CH4/kg COD, because the "
            + "load is COD; a Bo of the other basis would be wrong by a factor of 2.4 [unit-dimension]"], "\(basis.errors)")
        let unit = try run(["510802,2022,4.D.1,domestic_wastewater,bod,100,t COD,s,,septic"])
        #expect(unit.errors == ["activity/wastewater.csv:2:47: error: unit 't COD' counts COD, but item 'bod' is a BOD load; "
            + "expected the unit of the item's basis (t BOD), or the item of the unit's basis [load-basis]"], "\(unit.errors)")
        let sludge = try run(["510802,2022,4.D.2,industrial_wastewater,cod,1000,t,s,,septic",
                              "510802,2022,4.D.2,sludge_removal,cod,1500,t,s,,septic"])
        #expect(sludge.errors == ["activity/wastewater.csv:3:38: error: sludge removed from the pathway 'septic' of 4.D.2 in "
            + "region 510802 in 2022, S = 1500 t COD, is more than the organics entering it, TOW = 1000 t COD; expected "
            + "S ≤ TOW for the same category, item and pathway [exceeds-generation]"], "\(sludge.errors)")
        let recovery = try run(["510802,2022,4.D.2,industrial_wastewater,cod,1000,t,s,,septic",
                                "510802,2022,4.D.2,methane_recovery,ch4,200,t,s,,"])
        // 1 000 t COD × 0.25 × 0.5 = 125 t CH4 generated, 200 t recovered.
        #expect(recovery.errors == ["activity/wastewater.csv:3:40: error: CH4 recovered in 4.D.2 of region 510802 in 2022, "
            + "200 t, is more than the CH4 generated there, 125 t (1 line); expected recovery ≤ generation: check the "
            + "recovered amount, its unit and its category, and the disposal history or load [exceeds-generation]"],
                "\(recovery.errors)")
    }
}
