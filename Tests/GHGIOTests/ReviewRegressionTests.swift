import GHGTestSupport
import Foundation
import GHGCore
import GHGIO
import Testing

/// Regressions for defects found in review; each test failed (or crashed) before its fix.
@Suite("Review regressions")
struct ReviewRegressionTests {

    func compile(_ rows: [String], socio: [String] = [], targets: [String] = [], years: [Int] = [2020, 2024],
                 stack: [String] = ["china-provincial-2011", "china-energy-statistics", "china-grid", "ipcc-2006"],
                 lookup: String = "{}", regions: String = TestProject.defaultRegions, extra: String = "",
                 factors: [String: String]? = nil) throws -> (Compilation, String, TestProject) {
        let config = """
            {"name": "r", "years": [\(years.map(String.init).joined(separator: ", "))],
             "factor_stack": [\(stack.map { "\"\($0)\"" }.joined(separator: ", "))], "factor_lookup": \(lookup)\(extra)}
            """
        let p = try TestProject(config: config, regions: regions,
                                activity: ["a.csv": ([TestProject.header] + rows).joined(separator: "\n")],
                                factors: factors, socio: socio, targets: targets)
        let (c, out) = try p.compileToDisk()
        return (c, out, p)
    }

    @Test("international bunkers and multilateral operations are memo items outside the totals")
    func bunkers() throws {
        let (c, _, p) = try compile(["510802,2020,1.A.3.a.i,fuel_combustion,jet_kerosene,1,万吨,airport,,",
                                     "510802,2020,1.A.3.b,fuel_combustion,diesel,1,万吨,road,,"], years: [2020],
                                    stack: ["ipcc-2006"])
        defer { p.remove() }
        let inv = try #require(c.inventory)
        let total = try #require(inv.row(InventoryKey(region: "510802", year: 2020, node: .total, gas: .gas(.co2),
                                                      scope: .total))?.massTonnes)
        // Only the diesel: 10 000 t × 43.0 TJ/Gg × 74 100 kg/TJ = 31 863 t.
        #expect(close(total, 31_863))
        let memo = inv.row(InventoryKey(region: "510802", year: 2020, node: .category(CategoryCode("1.A.3.a.i")!),
                                        gas: .gas(.co2), scope: .memo("international_bunkers")))?.massTonnes
        // 10 000 t × 44.1 TJ/Gg × 71 500 kg/TJ = 31 531.5 t, reported as a memo item.
        #expect(close(memo, 31_531.5))
    }

    @Test("a missing regional grid factor is an error, never the national factor in silence")
    func noNationalFallback() throws {
        // There is no 2021 西南 factor; before, Sichuan 2021 silently took the national 0.5568.
        let (c, _, p) = try compile(["510802,2021,IND.1,electricity_net_import,electricity,1,亿千瓦时,g,,"],
                                    years: [2021], stack: ["china-grid"])
        defer { p.remove() }
        #expect(c.log.sorted.filter { $0.severity == .error }.map(\.description) == [
            "activity/a.csv:2:42: error: no factor for parameter 'grid_ef' for item 'electricity', category IND.1, "
                + "region 510802, year 2021, unit of mass/electricity in the stack [china-grid]; expected a row in one "
                + "of these sets or in the project's factors/ folder [missing-factor]",
        ])
        // Choosing the national factor explicitly works: 100 000 MWh × 0.5568.
        let (n, _, q) = try compile(["510802,2021,IND.1,electricity_net_import,electricity,1,亿千瓦时,g,,"],
                                    years: [2021], stack: ["china-grid"], lookup: #"{"grid_ef": {"region": "CN"}}"#)
        defer { q.remove() }
        #expect(close(n.inventory?.row(InventoryKey(region: "510802", year: 2021, node: .total, gas: .gas(.co2),
                                                     scope: .indirect))?.massTonnes, 55_680))
    }

    @Test("≥ target on a falling path: below the floor is off track; target units convert; mismatches are errors")
    func targetPathsAndUnits() throws {
        let (c, _, p) = try compile(
            ["510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"],
            socio: ["510802,2020,forest_coverage,60,%,,s,", "510802,2024,forest_coverage,52,%,,s,",
                    "510802,2020,forest_stock,12000,万立方米,,s,", "510802,2024,forest_stock,12500,万立方米,,s,",
                    "510802,2024,charger_count,900,chargers,,s,"],
            targets: ["510802,forest_coverage,,2030,≥,55,%,falling path below the floor,",
                      "510802,forest_stock,,2030,≥,1.5,亿立方米,1.5 亿立方米 = 15 000 万立方米: on a path from 12 000,",
                      "510802,forest_stock,,2030,≥,1.5,亿元,wrong unit,"])
        defer { p.remove() }
        let t = c.targets
        #expect(t.map(\.status) == [.offTrack, .offTrack, .noData])  // the third's unit cannot be compared
        // 52 < 55: a ≥ target under its floor is never on track, even though the path from 60 falls.
        #expect(t[0].actual == 52)
        // 1.5 亿立方米 = 15 000 万立方米; path 12 000 → 15 000 over 2020–2030 stands at 13 200 in 2024; 12 500 < 13 200.
        #expect(close(t[1].pathValue, 13_200, rel: 1e-12))
        #expect(c.log.sorted.map(\.description).contains {
            $0.hasPrefix("targets.csv:4: error: target unit '亿元' cannot be compared with the indicator's unit '万立方米'")
        })
        // A series read by no indicator or target is reported.
        #expect(c.log.diagnostics.contains { $0.description.contains("series 'charger_count' is not read") })
    }

    @Test("the reference approach of a city is checked against its counties' combustion")
    func referenceApproachRollUp() throws {
        let regions = """
            code,name_zh,name_en,level,parent
            510000,四川省,Sichuan,province,
            510800,广元市,Guangyuan,city,510000
            510802,利州区,Lizhou,county,510800
            510811,昭化区,Zhaohua,county,510800
            """
        let (c, out, p) = try compile(["510800,2020,1.A,fuel_supply,raw_coal,20,万吨,balance,,imports",
                                       "510802,2020,1.A.2.f,fuel_combustion,raw_coal,12,万吨,s,,",
                                       "510811,2020,1.A.2.f,fuel_combustion,raw_coal,8,万吨,s,,"],
                                      years: [2020], regions: regions)
        defer { p.remove() }
        #expect(c.log.errorCount == 0 && c.log.warningCount == 0, "\(c.log.sorted.map(\.description))")
        let checks = try readCSV(out + "/checks.csv")
        #expect(checks.count == 1)
        #expect(checks.first?["region"] == "510800" && checks.first?["status"] == "ok")
        // The city's balance (20 万吨 imported) equals its counties' combustion (12 + 8 万吨): a difference of 0 %.
        let diff = try #require(Double(checks.first?["difference_pct"] ?? ""))
        #expect(abs(diff) < 1e-9)
    }

    @Test("an implausible GDP index is rejected with what was expected")
    func gdpIndex() throws {
        let (c, _, p) = try compile(["510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"],
                                    socio: ["510802,2020,gdp,100,亿元,,s,", "510802,2021,gdp_index,108,1,,s,"],
                                    years: [2020], extra: #", "gdp_price_base": 2020"#)
        defer { p.remove() }
        #expect(c.log.sorted.map(\.description) == [
            "socioeconomic.csv:3: error: gdp_index '108' with unit '1' is a growth factor of 108; expected previous "
                + "year = 100 in % (e.g. 108.2 %) or a ratio near 1 (e.g. 1.082 with unit 1) [malformed-number]",
        ])
    }

    @Test("one energy method per region: a region with a statistical total never mixes in computed years")
    func energyMethod() throws {
        let (c, _, p) = try compile(["510802,2020,1.A.2.f,fuel_combustion,raw_coal,10,万吨,s,,",
                                     "510802,2024,1.A.2.f,fuel_combustion,raw_coal,10,万吨,s,,"],
                                    socio: ["510802,2024,energy_tce,50,万吨标准煤,,s,"])
        defer { p.remove() }
        let e = c.indicators.filter { $0.region == "510802" && $0.key == "energy_total_tce" }
        #expect(e.map(\.year) == [2024])  // 2020 has no statistical total, and is not silently computed instead
        #expect(e.first?.value == 500_000)
    }

    @Test("a failed compile leaves no outputs of an earlier run beside its diagnostics")
    func staleOutputs() throws {
        let (c, out, p) = try compile(["510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"], years: [2020])
        defer { p.remove() }
        #expect(c.succeeded && FileManager.default.fileExists(atPath: out + "/inventory.csv"))
        try "region,year,category,activity,item,value,unit,source,note\n510802,2020,1.A.1.a.i,direct_emission,CO2,1,万顿,x,\n"
            .write(toFile: p.root + "/activity/a.csv", atomically: true, encoding: .utf8)
        let (bad, _) = try p.compileToDisk()
        #expect(!bad.succeeded)
        #expect(!FileManager.default.fileExists(atPath: out + "/inventory.csv"))
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
        #expect(FileManager.default.fileExists(atPath: out + "/diagnostics.csv"))
    }

    @Test("a technology no factor row knows is reported: sour gas without its vented-CO2 factor")
    func unusedTechnology() throws {
        let (c, _, p) = try compile(["510802,2020,1.B.2.b.iii.3,oil_gas_system,natural_gas,1,亿立方米,plant,,sour_gas"],
                                    years: [2020], stack: ["ipcc-2006"])
        defer { p.remove() }
        #expect(c.log.sorted.map(\.description) == [
            "activity/a.csv:2:68: warning: technology 'sour_gas' matched no technology-specific factor row, so only "
                + "generic factors were used; expected a row with technology 'sour_gas' in the stack (a local factor, "
                + "for instance) [missing-factor]",
        ])
    }

    @Test("custom indicators: overlapping categories and unknown gases are errors")
    func customIndicators() throws {
        let extra = #", "indicators": [{"key": "t", "categories": ["1.A.3", "1.A.3.b"], "gases": ["CO2", "CH5"], "series": "turnover"}]"#
        let (c, _, p) = try compile(["510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"], years: [2020], extra: extra)
        defer { p.remove() }
        let messages = c.log.sorted.map(\.description)
        #expect(messages.contains("ghg-project.json: error: indicator 't': categories '1.A.3' and '1.A.3.b' overlap and "
            + "would be counted twice; expected categories that do not contain each other [project-file]"))
        #expect(messages.contains { $0.hasPrefix("ghg-project.json: error: indicator 't': unknown gas 'CH5'") })
    }
}
