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
        // There is no 2020 factor (regional or national); Sichuan 2020 must not silently take another year's or the
        // national one.
        let (c, _, p) = try compile(["510802,2020,IND.1,electricity_net_import,electricity,1,亿千瓦时,g,,"],
                                    years: [2020], stack: ["china-grid"])
        defer { p.remove() }
        #expect(c.log.sorted.filter { $0.severity == .error }.map(\.description) == [
            "activity/a.csv:2:42: error: no factor for parameter 'grid_ef' for item 'electricity', category IND.1, "
                + "region 510802, year 2020, unit of mass/electricity in the stack [china-grid]; expected a row in one "
                + "of these sets or in the project's factors/ folder; the stack has it for years 2012, 2021, 2022, "
                + "2023: map the year in ghg-project.json, e.g. \"factor_lookup\": {\"grid_ef\": {\"years\": "
                + "{\"2020\": 2021}}} [missing-factor]",
        ])
        // Choosing the national 2021 factor explicitly works: 100 000 MWh × 0.5568 (a factor year one year away
        // gets no factor-year warning; that needs more than three).
        let (n, _, q) = try compile(["510802,2020,IND.1,electricity_net_import,electricity,1,亿千瓦时,g,,"],
                                    years: [2020], stack: ["china-grid"],
                                    lookup: #"{"grid_ef": {"region": "CN", "years": {"2020": 2021}}}"#)
        defer { q.remove() }
        #expect(close(n.inventory?.row(InventoryKey(region: "510802", year: 2020, node: .total, gas: .gas(.co2),
                                                     scope: .indirect))?.massTonnes, 55_680))
        #expect(!n.log.diagnostics.contains { $0.code == .factorYear })
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

    @Test("a technology no factor row knows is reported: a misspelt sour-gas technology")
    func unusedTechnology() throws {
        let (c, _, p) = try compile(["510802,2020,1.B.2.b.iii.3,oil_gas_system,natural_gas,1,亿立方米,plant,,sour_gass"],
                                    years: [2020], stack: ["ipcc-2006"])
        defer { p.remove() }
        #expect(c.log.sorted.map(\.description) == [
            "activity/a.csv:2:68: warning: technology 'sour_gass' matched no technology-specific factor row, so only "
                + "generic factors were used; expected a row with technology 'sour_gass' in the stack (a local factor, "
                + "for instance) [missing-factor]",
        ])
    }

    @Test("sour-gas processing: fugitive CH4 (EFDB #124759) and raw CO2 venting under 1.B.2.b.i (EFDB #124766)")
    func sourGas() throws {
        // 1 亿立方米 = 100 × 10^6 m3 raw gas feed. CH4: 100 × 9.7E-05 Gg = 0.0097 Gg = 9.7 t under 1.B.2.b.iii.3;
        // CO2 venting: 100 × 6.3E-02 Gg = 6.3 Gg = 6 300 t under 1.B.2.b.i (the lower ends of IPCC 2006 Vol.2
        // Table 4.2.5, sour-gas plants).
        let (c, _, p) = try compile(["510802,2020,1.B.2.b.iii.3,oil_gas_system,natural_gas,1,亿立方米,plant,,sour_gas",
                                     "510802,2020,1.B.2.b.i,oil_gas_system,natural_gas,1,亿立方米,plant,,sour_gas"],
                                    years: [2020], stack: ["ipcc-2006"])
        defer { p.remove() }
        #expect(c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        let inv = try #require(c.inventory)
        func mass(_ cat: String, _ gas: Gas) -> Double? {
            inv.row(InventoryKey(region: "510802", year: 2020, node: .category(CategoryCode(cat)!), gas: .gas(gas),
                                 scope: .total))?.massTonnes
        }
        #expect(close(mass("1.B.2.b.iii.3", .ch4), 9.7))
        #expect(close(mass("1.B.2.b.i", .co2), 6_300))
        #expect(mass("1.B.2.b.iii.3", .co2) == nil && mass("1.B.2.b.i", .ch4) == nil)
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
