import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// LULUCF (sector 3.B): the test vectors TV27 and TV28 of methodology.md §7.3 through the whole pipeline, the shipped
/// IPCC defaults worked by hand (stock difference, conversion in 亩, mangrove restoration), the series rules of the
/// stock-difference method, the blue-carbon indicator, and the bad inputs of the sector.
@Suite("LULUCF (sector 3.B)")
struct LULUCFTests {
    static let header = ReferenceReader.factorColumns.joined(separator: ",")

    /// Compiles rows for 510802 with a project set (factor rows, and the county's climate codes), for `years`.
    func run(_ rows: [String], factors: [String] = [], zones: [String] = [], years: [Int] = [2022],
             items: [String] = []) throws -> (Compilation, [[String: String]]) {
        let (c, inv, _) = try runAll(rows, factors: factors, zones: zones, years: years, items: items)
        return (c, inv)
    }

    /// As ``run(_:factors:zones:years:items:)``, with the indicators.
    func runAll(_ rows: [String], factors: [String] = [], zones: [String] = [], years: [Int] = [2022],
                stack: [String] = ["ipcc-2013-wetlands", "ipcc-2006"], items: [String] = [])
        throws -> (Compilation, [[String: String]], [[String: String]]) {
        var local = ["set.json": #"{"id": "county", "version": "1"}"#,
                     "f.csv": ([Self.header] + factors).joined(separator: "\n") + "\n"]
        if !items.isEmpty {
            local["items.csv"] = (["item,kind,group,biomass,name_en,name_zh,source,note,categories"] + items)
                .joined(separator: "\n") + "\n"
        }
        if !zones.isEmpty {
            local["region-membership.csv"] = "region,member,year_from,year_to,source,note\n"
                + zones.map { "\($0),510802,,,county climate and ecological zone (test),\n" }.joined()
        }
        let p = try TestProject(stack: stack, years: years,
                                activity: ["lulucf.csv": ([TestProject.header] + rows).joined(separator: "\n")],
                                factors: local)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        return (c, c.succeeded ? try readCSV(out + "/inventory.csv") : [],
                c.succeeded ? try readCSV(out + "/indicators.csv") : [])
    }

    /// An indicator of 510802 (without base year).
    func indicator(_ rows: [[String: String]], _ year: Int, _ key: String) -> Double? {
        rows.first { $0["region"] == "510802" && $0["year"] == String(year) && $0["indicator"] == key
            && ($0["base_year"] ?? "").isEmpty }.flatMap { Double($0["value"] ?? "") }
    }

    func value(_ rows: [[String: String]], _ category: String, year: Int = 2022, scope: String = "total") -> Double? {
        inventoryValue(rows, region: "510802", year: year, category: category, gas: "CO2", scope: scope)
    }

    func messages(_ c: Compilation, _ severity: Severity = .error) -> [String] {
        c.log.sorted.filter { $0.severity == severity }.map(\.description)
    }

    /// TV27's factors, stated as inputs (methodology.md §7.3).
    static let tv27Factors = [
        "bcef,broadleaf,3.B.1,,,,,0.7,t/m3,,,,TV27 (input),test",
        "root_shoot_ratio,broadleaf,3.B.1,,,,,0.2,1,,,,TV27 (input),test",
        "carbon_fraction,broadleaf,3.B.1,,,,,0.47,tC/t,,,,TV27 (input),test",
    ]

    // MARK: Test vectors (methodology.md §7.3)

    @Test("TV27: stock difference 10 000 ha, 100 → 110 m3/ha over 5 yr, BCEF 0.7, R 0.2, CF 0.47 = -28 952 t CO2")
    func tv27() throws {
        // C_t2 = 1 100 000 × 0.7 × 1.2 × 0.47 = 434 280 tC; C_t1 = 1 000 000 × 0.7 × 1.2 × 0.47 = 394 800 tC;
        // ΔC = 39 480 / 5 = 7 896 tC/yr; CO2 = -7 896 × 44/12 = -28 952 t.
        let (c, inv) = try run(["510802,2017,3.B.1.a,forest_stock,broadleaf,1000000,m3,TV27 survey 1,,",
                                "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,TV27 survey 2,,"],
                               factors: Self.tv27Factors)
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.B.1.a"), -28_952, rel: 1e-9))
        #expect(close(value(inv, "3.B"), -28_952, rel: 1e-9))
        // The line is located at the later survey and names both surveys and the interval.
        let calc = try #require(c.calculation)
        try #require(calc.lines.count == 1)
        let line = calc.describe(0)
        #expect(line.activity.location.line == 3)
        #expect(line.formula.contains("÷ (t2 2022 yr − t1 2017 yr) × 44/12 = -28952 t"), "\(line.formula)")
        #expect(line.otherActivities.map(\.location.line) == [2])
    }

    @Test("TV28: China method V 1 000 000 m3, GR 0.06, CR 0.04, SVD 0.5, BEF 1.7, CF 0.5: growth -93 500, consumption 62 333.333, net -31 166.667 t")
    func tv28() throws {
        // Growth C = 1 000 000 × 0.06 × 0.5 × 1.7 × 0.5 = 25 500 tC → -93 500 t CO2; consumption C = 17 000 tC →
        // 62 333.333 t; net = -8 500 × 44/12 = -31 166.667 t CO2.
        let (c, inv) = try run(["510802,2022,3.B.1.a,forest_growth,standing_trees,1000000,m3,TV28,,"], factors: [
            "growth_rate,standing_trees,3.B.1,,,,,0.06,1,,,,TV28 (input),test",
            "consumption_rate,standing_trees,3.B.1,,,,,0.04,1,,,,TV28 (input),test",
            "wood_density,standing_trees,3.B.1,,,,,0.5,t/m3,,,,TV28 (input),test",
            "bef,standing_trees,3.B.1,,,,,1.7,1,,,,TV28 (input),test",
            "carbon_fraction,standing_trees,3.B.1,,,,,0.5,tC/t,,,,TV28 (input),test",
        ])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.B.1.a"), -31_166.666_666_666_7, rel: 1e-9))
        let calc = try #require(c.calculation)
        try #require(calc.lines.count == 2)
        let masses = (0..<calc.lines.count).map { calc.describe($0).mass }.sorted()
        #expect(masses.count == 2)
        #expect(close(masses[0], -93_500, rel: 1e-12) && close(masses[1], 62_333.333_333_333_3, rel: 1e-12))
    }

    // MARK: The shipped defaults, worked by hand

    /// A county of the subtropical humid forest zone (IPCC 2006 Vol.4 Table 4.1), in the subtropical domain.
    static let subtropical = ["subtropical_humid_forest", "subtropical"]

    @Test("stock difference with the shipped defaults: broadleaf 2.5 → 3.2 million m3 (2016 → 2021), BCEF 0.8 (EFDB #515289), R 0.20 (#515167), CF 0.47 = -231 616 t in 2020 and 2021")
    func shippedStockDifference() throws {
        // 50 000 ha: 50 and 64 m3/ha, both in Table 4.5's 41-80 m3/ha class (subtropical hardwoods BCEF_S 0.8);
        // above-ground biomass 50 × 0.8 = 40 t/ha < 125 (Table 4.4 R 0.20); CF 0.47 (Table 4.3, subtropical).
        // C_2021 = 3 200 000 × 0.8 × 1.2 × 0.47 = 1 443 840 tC; C_2016 = 2 500 000 × 0.8 × 1.2 × 0.47 = 1 128 000 tC;
        // ΔC = 315 840 / 5 = 63 168 tC/yr; CO2 = -63 168 × 44/12 = -231 616 t, in each year 2016 < y ≤ 2021.
        let (c, inv, ind) = try runAll(["510802,2021,3.B.1.a,forest_stock,broadleaf,320,万m3,二类调查 2021,,gs_41_80+agb_lt125",
                                "510802,2016,3.B.1.a,forest_stock,broadleaf,250,万m3,二类调查 2016,,gs_41_80+agb_lt125"],
                               zones: Self.subtropical, years: [2020, 2021])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.B.1.a", year: 2020), -231_616, rel: 1e-12))
        #expect(close(value(inv, "3.B.1.a", year: 2021), -231_616, rel: 1e-12))
        #expect(close(indicator(ind, 2021, "forest_sink"), 231_616, rel: 1e-12))
        let line = try #require(c.calculation).describe(0)
        let sources = line.factors.map(\.source).joined(separator: " ")
        #expect(sources.contains("EFDB #515289") && sources.contains("EFDB #515167") && sources.contains("EFDB #515150"),
                "\(sources)")
    }

    @Test("gain and loss with the shipped defaults: 1 000 ha natural conifer -1000 × 2.0 × 1.2 × 0.47 × 44/12 = -4 136 t; 5 000 m3 roundwood 5000 × 0.67 × 1.2 × 0.47 × 44/12 = 6 927.8 t")
    func shippedGainLoss() throws {
        // G_W 2.0 t d.m./ha/yr (Table 4.9, subtropical humid forest, Asia, > 20 y, EFDB #515550); R 0.20 (Table 4.4,
        // AGB < 125 t/ha, #515167); CF 0.47 (Table 4.3, subtropical, #515150); BCEF_R 0.67 t/m3 (Table 4.5,
        // subtropical conifers, 41-80 m3/ha, #515294).
        let (c, inv) = try run(["510802,2022,3.B.1.a,forest_area,conifer,1000,ha,s,,natural_gt20y+agb_lt125",
                                "510802,2022,3.B.1.a,wood_removals,conifer,5000,m3,s,,roundwood+gs_41_80+agb_lt125"],
                               zones: Self.subtropical)
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        let calc = try #require(c.calculation)
        let masses = (0..<calc.lines.count).map { (calc.describe($0).formulaName, calc.lines.mass[$0]) }
            .sorted { $0.0 < $1.0 }
        #expect(masses.map(\.0) == ["forest_area_growth", "wood_removals_roundwood"])
        #expect(close(masses[0].1, -4_136, rel: 1e-12) && close(masses[1].1, 6_927.8, rel: 1e-12), "\(masses)")
        #expect(close(value(inv, "3.B.1.a"), -4_136 + 6_927.8, rel: 1e-12))
    }

    @Test("300 亩 (= 20 ha) of subtropical humid forest to cropland: 20 × (180 × 0.47 − 5) × 44/12 = 5 837.333 t CO2 in 3.B.2.b.i")
    func conversionInMu() throws {
        // 亩 = 1/15 ha. B_before = 180 t d.m./ha (Table 4.7, Asia, subtropical humid forest, EFDB #515370);
        // C_after = 5 tC/ha (Table 5.9, annual cropland, EFDB #510999), a carbon stock used without CF; CF 0.47
        // (EFDB #515149). 20 × (84.6 − 5) = 1 592 tC → × 44/12 = 5 837.333 t CO2. The row says 3.B.2.b, the
        // conversion's own category is 3.B.2.b.i.
        let (c, inv) = try run(["510802,2022,3.B.2.b,land_conversion,forest_to_cropland,300,亩,国土变更调查,,"],
                               zones: Self.subtropical)
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.B.2.b.i"), 5_837.333_333_333_333, rel: 1e-12))
        let line = try #require(c.calculation).describe(0)
        #expect(line.formulaName == "land_conversion_dm_c")
    }

    @Test("mangrove: 150 ha revegetated, soil -150 × 1.62 × 44/12 = -891 t; growth in the subtropical class -150 × 18.1 × 1.96 × 0.451 × 44/12 = -8 799.822 t")
    func mangroveRestoration() throws {
        // 2013 Wetlands Supplement Ch.4: EF_RE mangrove −1.62 tC/ha/yr (EFDB #522931); growth 18.1 t d.m./ha/yr
        // (#522908), R 0.96 (#522921), CF 0.451 (#522914): 150 × 18.1 × 1.96 × 0.451 = 2 399.9514 tC → -8 799.8218 t.
        let (c, inv) = try run(["510802,2022,3.B.4,coastal_wetland,mangrove,150,ha,红树林修复,,revegetated",
                                "510802,2022,3.B.4,forest_area,mangrove,150,ha,红树林修复,,"],
                               zones: ["ws_subtropical"])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.B.4"), -891 - 8_799.821_8, rel: 1e-12))
        // Both land in the mangrove category the item names (3.B.4.c.i, a 2013 Wetlands Supplement type).
        #expect(close(value(inv, "3.B.4.c.i"), -891 - 8_799.821_8, rel: 1e-12))
        // Nothing in the blue-carbon scope without a project rate.
        #expect(value(inv, "3.B.4", scope: "blue_carbon_sequestration") == nil)
    }

    @Test("blue carbon: an existing mangrove makes no inventory line; with a project rate it counts in its own scope and indicator only")
    func blueCarbon() throws {
        let rows = ["510802,2022,3.B.4,coastal_wetland,mangrove,1000,ha,湿地调查,,existing",
                    "510802,2022,3.B.4,coastal_wetland,mangrove,150,ha,红树林修复,,revegetated"]
        let (c, inv) = try run(rows)
        #expect(c.succeeded)
        #expect(messages(c, .warning).contains { $0.contains("an existing 'mangrove' area has no Tier 1 soil flux") },
                "\(messages(c, .warning))")
        #expect(close(value(inv, "3.B.4"), -891, rel: 1e-12))
        // A rate of 2 tC/ha/yr (a project value): -1 150 × 2 × 44/12 = -8 433.333 t in the indicator scope; the
        // inventory keeps -891 t, and net − gross is still the inventory's LULUCF.
        let (c2, inv2, ind) = try runAll(rows, factors: ["blue_carbon_sequestration_rate,mangrove,3.B.4,,,,,2,tC/ha/yr,,,,"
                                                    + "HY/T 0349-2022 (test value),test"])
        #expect(c2.succeeded && c2.log.diagnostics.isEmpty, "\(c2.log.sorted.map(\.description))")
        #expect(close(value(inv2, "3.B.4"), -891, rel: 1e-12))
        #expect(close(value(inv2, "3.B.4", scope: "blue_carbon_sequestration"), -8_433.333_333_333_333, rel: 1e-12))
        #expect(close(indicator(ind, 2022, "blue_carbon_sequestration"), 8_433.333_333_333_333,
                      rel: 1e-12))
        let net = try #require(indicator(ind, 2022, "ghg_net"))
        let gross = try #require(indicator(ind, 2022, "ghg_gross"))
        #expect(close(net - gross, -891, rel: 1e-12))
    }

    @Test("net − gross equals the sum of the LULUCF lines exactly, with forests, conversions and wetlands together")
    func netMinusGross() throws {
        let (c, _, ind) = try runAll(["510802,2022,1.A.1.a.i,direct_emission,CO2,1000,t,a stack,,",
                              "510802,2017,3.B.1.a,forest_stock,broadleaf,1000000,m3,s,,",
                              "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,s,,",
                              "510802,2022,3.B.2.b,land_conversion,forest_to_cropland,300,亩,s,,",
                              "510802,2022,3.B.4,coastal_wetland,mangrove,150,ha,s,,revegetated"],
                             factors: Self.tv27Factors, zones: Self.subtropical)
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        let calc = try #require(c.calculation)
        var lulucf = 0.0
        for i in 0..<calc.lines.count where calc.template(of: i).category.description.hasPrefix("3.B") {
            lulucf += calc.lines.mass[i]
        }
        let net = try #require(indicator(ind, 2022, "ghg_net"))
        let gross = try #require(indicator(ind, 2022, "ghg_gross"))
        #expect(close(gross, 1000, rel: 1e-12))
        #expect(close(net - gross, lulucf, rel: 1e-12) && close(lulucf, -28_952 + 5_837.333_333_333_333 - 891, rel: 1e-12))
    }

    // MARK: Series rules of the stock-difference method

    @Test("surveys in any file order give the same lines; a survey no inventory year uses is a warning")
    func surveyOrder() throws {
        let ordered = ["510802,2000,3.B.1.a,forest_stock,broadleaf,800000,m3,s,,",
                       "510802,2017,3.B.1.a,forest_stock,broadleaf,1000000,m3,s,,",
                       "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,s,,"]
        let (a, invA) = try run(ordered, factors: Self.tv27Factors)
        let (b, invB) = try run(ordered.reversed(), factors: Self.tv27Factors)
        #expect(a.succeeded && b.succeeded)
        #expect(close(value(invA, "3.B.1.a"), -28_952, rel: 1e-12) && value(invA, "3.B.1.a") == value(invB, "3.B.1.a"))
        #expect(messages(a, .warning) == ["activity/lulucf.csv:2:8: warning: the survey of 'broadleaf' in 2000 enters "
            + "no inventory year's stock difference; expected surveys that bracket the inventory years (2022) "
            + "[unused-input]"], "\(messages(a, .warning))")
    }

    @Test("an inventory year no pair of surveys brackets, two surveys in one year, a survey after the last year: located errors")
    func seriesErrors() throws {
        let (c, _) = try run(["510802,2018,3.B.1.a,forest_stock,broadleaf,1000000,m3,s,,",
                              "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,s,,"],
                             factors: Self.tv27Factors, years: [2018, 2022])
        #expect(messages(c) == ["activity/lulucf.csv:2:8: error: inventory year 2018 is not bracketed by the surveys of "
            + "'broadleaf' in 3.B.1.a (2018, 2022); expected a survey before 2018 and one in or after it (t1 < 2018 ≤ t2) "
            + "[year-outside-project]"], "\(messages(c))")
        let (d, _) = try run(["510802,2017,3.B.1.a,forest_stock,broadleaf,1000000,m3,s,,",
                              "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,s,,",
                              "510802,2022,3.B.1.a,forest_stock,broadleaf,1200000,m3,s,,",
                              "510802,2023,3.B.1.a,forest_stock,broadleaf,1200000,m3,s,,"], factors: Self.tv27Factors)
        let errors = messages(d)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("activity/lulucf.csv:5:8: error: year '2023' of a 'forest_stock' row is "
            + "after the last inventory year 2022") })
        // The second survey of 2022 names the first.
        #expect(errors.contains { $0.hasPrefix("activity/lulucf.csv:4: error: duplicate row") && $0.contains("lulucf.csv:3") },
                "\(errors)")
        // Two surveys of one year in different growing-stock classes pass the row checks; the series names both.
        let (e, _) = try run(["510802,2017,3.B.1.a,forest_stock,broadleaf,1000000,m3,s,,",
                              "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,s,,gs_41_80",
                              "510802,2022,3.B.1.a,forest_stock,broadleaf,1200000,m3,s,,gs_gt80"], factors: Self.tv27Factors)
        #expect(messages(e).first { $0.contains("a second survey of 'broadleaf' in 2022") }?
            .hasPrefix("activity/lulucf.csv:4") == true, "\(messages(e))")
    }

    // MARK: Bad inputs

    @Test("a negative volume, a forest type without factors, a conversion to the same use, a conversion under another category, a removal without its kind, a wetland without what happened")
    func badInputs() throws {
        let (c, _) = try run([
            "510802,2022,3.B.1.a,forest_growth,standing_trees,-5,m3,s,,",
            "510802,2022,3.B.1.a,forest_area,bamboo,100,ha,s,,",
            "510802,2022,3.B.2.b,land_conversion,cropland_to_cropland,100,ha,s,,",
            "510802,2022,3.B.3.b,land_conversion,forest_to_cropland,100,ha,s,,",
            "510802,2022,3.B.1.a,wood_removals,conifer,100,m3,s,,",
            "510802,2022,3.B.4,coastal_wetland,seagrass,100,ha,s,,",
        ], zones: Self.subtropical,
           items: ["cropland_to_cropland,land_conversion,,no,Cropland remaining cropland,耕地保持,test,test,3.B.2.a"])
        let errors = messages(c)
        func at(_ line: Int, _ text: String) -> Bool {
            errors.contains { $0.hasPrefix("activity/lulucf.csv:\(line):") && $0.contains(text) }
        }
        #expect(at(2, "negative"), "\(errors)")
        #expect(at(3, "'biomass_growth'") && at(3, "bamboo"), "\(errors)")
        #expect(at(4, "conversion 'cropland_to_cropland' keeps the land in the same use"), "\(errors)")
        #expect(at(5, "category '3.B.3.b' for the conversion 'forest_to_cropland'; expected 3.B.2.b.i"), "\(errors)")
        #expect(at(6, "wood_removals needs the kind of removal in 'technology'"), "\(errors)")
        #expect(at(7, "coastal_wetland needs what happened to the area in 'technology'"), "\(errors)")
    }

    @Test("a carbon fraction of 1.5 in a project set is rejected at load, located at its row")
    func carbonFractionOutOfRange() throws {
        let (c, _) = try run(["510802,2022,3.B.1.a,forest_area,conifer,100,ha,s,,natural_gt20y+agb_lt125"],
                             factors: ["carbon_fraction,conifer,3.B.1,,,,,1.5,tC/t,,,,typo,test"], zones: Self.subtropical)
        #expect(messages(c).contains { $0.hasPrefix("factors/f.csv:2") && $0.contains("out of range") },
                "\(messages(c))")
    }

    @Test("a mangrove in a county mapped to no climate class: the error lists the classes the stack has and the membership row to write")
    func mangroveWithoutClimate() throws {
        let (c, _) = try run(["510802,2022,3.B.4,forest_area,mangrove,150,ha,s,,"])
        #expect(messages(c).contains { $0.hasPrefix("activity/lulucf.csv:2:")
            && $0.contains("no factor for parameter 'biomass_growth' for item 'mangrove'")
            && $0.contains("the stack has it for factor regions 'ws_subtropical', 'ws_tropical_dry', 'ws_tropical_wet': "
                + "map region 510802 (or an ancestor) to one in the project's factors/region-membership.csv, e.g. "
                + "ws_subtropical,510802,,,<source>,") }, "\(messages(c))")
    }
}
