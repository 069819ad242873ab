import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Solid waste disposal (4.A): the test vectors TV29–TV32 of methodology.md §7.4 through the whole pipeline, the
/// order of the disposal history, recovery, mass balance and the bad inputs of the issue.
@Suite("Waste (sector 4.A, landfill)")
struct LandfillTests {
    static let header = ReferenceReader.factorColumns.joined(separator: ",")

    /// TV29's factors, stated as inputs (methodology.md §7.4: DOC 0.15, DOCf 0.5, MCF 1.0, F 0.5, k 0.185, OX 0).
    static let tv29Factors = [
        "doc,food,4.A,,,,,0.15,tC/t,,,,TV29 (input),test", "docf,,4.A,,,,,0.5,1,,,,TV29 (input),test",
        "mcf,,4.A,managed_anaerobic,,,,1,1,,,,TV29 (input),test", "methane_fraction,,4.A,,,,,0.5,1,,,,TV29 (input),test",
        "decay_rate,food,4.A,,,,,0.185,1/yr,,,,TV29 (input),test", "oxidation,,4.A,,,,,0,1,,,,TV29 (input),test",
    ]

    struct Run {
        var compilation: Compilation
        var inventory: [[String: String]]
        var output: String
        var errors: [String] { compilation.log.sorted.filter { $0.severity == .error }.map(\.description) }
        var warnings: [String] { compilation.log.sorted.filter { $0.severity == .warning }.map(\.description) }
        func ch4(_ year: Int, _ category: String = "4.A.1") -> Double? {
            inventoryValue(inventory, region: "510802", year: year, category: category, gas: "CH4")
        }
    }

    func run(_ rows: [String], years: [Int], factors: [String] = tv29Factors, landfill: String? = nil,
             stack: [String] = ["ipcc-2006"], zones: [String] = []) throws -> Run {
        let stackJSON = stack.map { "\"\($0)\"" }.joined(separator: ", ")
        let config = """
            {"name": "t", "years": [\(years.map(String.init).joined(separator: ", "))], "gwp": "AR5",
             "factor_stack": [\(stackJSON)]\(landfill.map { ", \"landfill_method\": \"\($0)\"" } ?? "")}
            """
        var local = ["set.json": #"{"id": "county", "version": "1"}"#,
                     "f.csv": ([Self.header] + factors).joined(separator: "\n") + "\n"]
        if !zones.isEmpty {
            local["region-membership.csv"] = "region,member,year_from,year_to,source,note\n"
                + zones.map { "\($0),510802,,,county climate zone (test),\n" }.joined()
        }
        let p = try TestProject(config: config, activity: ["waste.csv": ([TestProject.header] + rows)
                                                               .joined(separator: "\n")],
                                factors: local)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        let inventory = c.succeeded ? try readCSV(out + "/inventory.csv") : []
        let text = c.succeeded ? try String(contentsOfFile: out + "/inventory.csv", encoding: .utf8) : ""
        return Run(compilation: c, inventory: inventory, output: text)
    }

    static func deposit(_ year: Int, _ tonnes: String, item: String = "food", site: String = "managed_anaerobic") -> String {
        "510802,\(year),4.A.1,solid_waste_disposal,\(item),\(tonnes),t,deposit \(year),,\(site)"
    }

    @Test("TV29: 100 000 t food waste in year 0 → CH4 844.47858 t in year 1, 701.84977 t in year 2, and the year-by-year table")
    func tv29() throws {
        // DDOCm = 100 000 × 0.15 × 0.5 × 1 = 7 500 t; year T: 7 500 × e^(−0.185 (T − 1)) × (1 − e^(−0.185)) × 0.5 × 16/12.
        let r = try run([Self.deposit(2000, "100000")], years: [2001, 2002, 2003, 2004, 2005])
        #expect(r.compilation.succeeded, "\(r.errors)")
        // methodology.md §7.4, the FOD year-by-year table (CH4 column, t): 844.479, 701.850, 583.310, 484.792, 402.913.
        #expect(close(r.ch4(2001), 844.47858, rel: 1e-8))
        #expect(close(r.ch4(2002), 701.84977, rel: 1e-8))
        // The table prints three decimals (its last CH4 entry, 402.913, rounds the exact 402.91248 up), so it is
        // compared within 1e-3; its decomposed column is CH4 ÷ (F × 16/12).
        for (year, table, decomposed) in [(2001, 844.479, 1266.718), (2002, 701.850, 1052.775), (2003, 583.310, 874.966),
                                          (2004, 484.792, 727.188), (2005, 402.913, 604.369)] {
            #expect(abs(r.ch4(year)! - table) < 1e-3, "year \(year): \(r.ch4(year)!)")
            #expect(abs(r.ch4(year)! / (0.5 * 16 / 12) - decomposed) < 1e-3, "year \(year)")
        }
        // The closed form, written out independently, within 1e-12.
        let k = 0.185
        for year in 2001...2005 {
            let expected = 7500 * Foundation.exp(-k * Double(year - 2001)) * (1 - Foundation.exp(-k)) * 0.5 * 16 / 12
            #expect(close(r.ch4(year), expected, rel: 1e-12), "year \(year)")
        }
        // TV29c: the half-life ln 2 / k = 3.74674 yr, read from the pipeline's own decay (CH4 of consecutive years).
        let halfLife = Foundation.log(2) / -Foundation.log(r.ch4(2002)! / r.ch4(2001)!)
        #expect(abs(halfLife - 3.74674) < 5e-6)
        // The whole potential L0 = 7 500 × 0.5 × 16/12 = 5 000 t: five years release 1 − e^(−5k) of it.
        let five = (2001...2005).map { r.ch4($0)! }.reduce(0, +)
        #expect(close(five, 5000 * (1 - Foundation.exp(-5 * k)), rel: 1e-12))
        // The line names its deposit row, and the rendered formula shows the decay years.
        let calc = try #require(r.compilation.calculation)
        let i = try #require((0..<calc.lines.count).first { calc.describe($0).formula.contains("T 2002 yr") })
        let text = calc.describe(i).formula
        #expect(text.hasPrefix("CH4 = DDOCm × e^(−1 × k × (T − t − 1)) × (1 − e^(−1 × k)) × F × 16/12 × (1 − OX) = (W 100000 t × DOC 0.15 tC/t × DOCf 0.5 × MCF 1 = DDOCm 7500 tC) × e^(−1 × k 0.185 1/yr × (T 2002 yr − t 2000 yr − 1 yr))"), "\(text)")
    }

    @Test("worked by hand with the shipped IPCC defaults: paper in a semi-aerobic site and food under a cover, boreal-temperate wet")
    func shippedDefaults() throws {
        // The county is mapped to cz_boreal_temperate_wet; every factor comes from ipcc-2006/waste-solid.csv:
        // DOC paper 0.4, food 0.15 tC/t (Vol.5 Table 2.4, EFDB #614622, #614624); DOCf 0.5 (p.3.13, EFDB #615067);
        // MCF managed_semi_aerobic 0.5, managed_anaerobic 1 (Table 3.1, EFDB #615066, #62738); F 0.5 (p.3.15,
        // EFDB #66030); OX 0, managed_covered 0.1 (Table 3.2, EFDB #66028, #66029); k paper 0.06, food 0.185 1/yr
        // (Table 3.3, boreal and temperate wet).
        // Paper, 20 000 t deposited in 2019, inventory year 2022 (T − t − 1 = 2):
        //   DDOCm = 20 000 × 0.4 × 0.5 × 0.5 = 2 000 tC;
        //   CH4 = 2 000 × e^(−0.12) 0.8869204 × (1 − e^(−0.06)) 0.0582355 × 0.5 × 16/12 × (1 − 0) = 68.866967 t.
        // Food, 10 000 t deposited in 2020 (T − t − 1 = 1):
        //   DDOCm = 10 000 × 0.15 × 0.5 × 1 = 750 tC;
        //   CH4 = 750 × e^(−0.185) 0.8311043 × (1 − e^(−0.185)) 0.1688957 × 0.5 × 16/12 × (1 − 0.1) = 63.166479 t.
        // 4.A.1 CH4 2022 = 68.866967 + 63.166479 = 132.033446 t.
        let r = try run([Self.deposit(2019, "20000", item: "paper", site: "managed_semi_aerobic"),
                         Self.deposit(2020, "10000", site: "managed_anaerobic+managed_covered")],
                        years: [2022], factors: [], zones: ["cz_boreal_temperate_wet"])
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.ch4(2022), 132.03344602, rel: 1e-9))
        let calc = try #require(r.compilation.calculation)
        let masses = (0..<calc.lines.count).map { calc.describe($0).formula }
        let paper = try #require(masses.first { $0.contains("k 0.06 1/yr") })
        #expect(paper.contains("= (W 20000 t × DOC 0.4 tC/t × DOCf 0.5 × MCF 0.5 = DDOCm 2000 tC) × e^(−1 × k 0.06 1/yr × "
                               + "(T 2022 yr − t 2019 yr − 1 yr)) × (1 − e^(−1 × k 0.06 1/yr)) × F 0.5 × 16/12 × (1 − OX 0) "
                               + "= 68.86696707451385 t"), "\(paper)")
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        // Without the climate membership the decay rate cannot be chosen: an error, never a silent default.
        let unmapped = try run([Self.deposit(2019, "20000", item: "paper", site: "managed_semi_aerobic")],
                               years: [2022], factors: [])
        #expect(!unmapped.compilation.succeeded)
        #expect(unmapped.errors.contains { $0.contains("decay_rate") }, "\(unmapped.errors)")
    }

    @Test("TV30, TV30b: 100 000 t/yr in years 1–10 → CH4 generated in year 10 4 054.0467 t; with R 200 t and OX 0.1, (4 054.0467 − 200) × 0.9 = 3 468.642 t")
    func tv30() throws {
        let deposits = (2001...2010).map { Self.deposit($0, "100000") }
        let r = try run(deposits, years: [2010])
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.ch4(2010), 4054.0467, rel: 1e-8))
        // TV30b: recovery 200 t, and a cover whose oxidation is 0.1 (the site's second technology part).
        let covered = Self.tv29Factors.filter { !$0.hasPrefix("oxidation") } + ["oxidation,,4.A,,,,,0.1,1,,,,TV30b (input),test"]
        let b = try run(deposits + ["510802,2010,4.A.1,methane_recovery,ch4,200,t,flare meter,,"], years: [2010],
                        factors: covered)
        #expect(b.compilation.succeeded, "\(b.errors)")
        #expect(close(b.ch4(2010), 3468.642, rel: 1e-7))
        #expect(close(b.ch4(2010), (r.ch4(2010)! - 200) * 0.9, rel: 1e-12))
    }

    @Test("TV31: mass balance, 200 000 t with DOC 0.12, DOCf 0.5, MCF 1, F 0.5 (L0 0.04), OX 0.1 → 7 200 t CH4")
    func tv31() throws {
        let factors = ["doc,msw,4.A,,,,,0.12,tC/t,,,,TV31 (input),test", "docf,,4.A,,,,,0.5,1,,,,TV31 (input),test",
                       "mcf,,4.A,managed_anaerobic,,,,1,1,,,,TV31 (input),test",
                       "methane_fraction,,4.A,,,,,0.5,1,,,,TV31 (input),test", "oxidation,,4.A,,,,,0.1,1,,,,TV31 (input),test"]
        let r = try run([Self.deposit(2020, "1000", item: "msw"), Self.deposit(2022, "200000", item: "msw")],
                        years: [2022], factors: factors, landfill: "mass_balance")
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.ch4(2022), 7200, rel: 1e-12))
        // A deposit outside the inventory years enters nothing under mass balance, and is said so.
        #expect(r.warnings == ["activity/waste.csv:2:8: warning: the deposit of 'msw' in 2020 enters no inventory year: "
            + "with \"landfill_method\": \"mass_balance\" a deposit counts only in its own year; expected deposits of the "
            + "inventory years (2022), or first-order decay [unused-input]"], "\(r.warnings)")
        let calc = try #require(r.compilation.calculation)
        #expect(calc.describe(0).formula == "CH4 = W × L0 × (1 − OX) = W 200000 t × (DOC 0.12 tC/t × DOCf 0.5 × MCF 1 × "
            + "F 0.5 × 16/12 = L0 0.04 t/t) × (1 − OX 0.1) = 7200 t", "\(calc.describe(0).formula)")
        // An unknown method is an error of the project file.
        let bad = try run([Self.deposit(2022, "1")], years: [2022], landfill: "fod")
        #expect(bad.errors == ["ghg-project.json: error: unknown landfill_method 'fod'; expected first_order_decay or "
            + "mass_balance [project-file]"], "\(bad.errors)")
    }

    @Test("TV32: composite DOC of bulk msw, paper 0.10, food 0.50, wood 0.05, garden 0.05, textiles 0.03 with the shipped Table 2.4 DOCs = 0.1537")
    func tv32() throws {
        // 0.10 × 0.40 + 0.50 × 0.15 + 0.05 × 0.43 + 0.05 × 0.20 + 0.03 × 0.24 = 0.1537 t C/t (the DOCs are the shipped
        // ipcc-2006 waste-solid.csv rows, EFDB #614622–#614625 and Table 2.4). Mass balance with DOCf 0.5, MCF 1, F 0.5,
        // OX 0: 1 000 000 t × 0.1537 × 0.5 × 1 × 0.5 × 16/12 = 51 233.33 t CH4.
        let factors = ["waste_composition,paper,4,,,,,0.10,1,,,,TV32 (input),test",
                       "waste_composition,food,4,,,,,0.50,1,,,,TV32 (input),test",
                       "waste_composition,wood,4,,,,,0.05,1,,,,TV32 (input),test",
                       "waste_composition,garden,4,,,,,0.05,1,,,,TV32 (input),test",
                       "waste_composition,textiles,4,,,,,0.03,1,,,,TV32 (input),test",
                       "docf,,4.A,,,,,0.5,1,,,,TV32 (input),test", "mcf,,4.A,managed_anaerobic,,,,1,1,,,,TV32 (input),test",
                       "methane_fraction,,4.A,,,,,0.5,1,,,,TV32 (input),test", "oxidation,,4.A,,,,,0,1,,,,TV32 (input),test"]
        let r = try run([Self.deposit(2022, "1000000", item: "msw")], years: [2022], factors: factors,
                        landfill: "mass_balance")
        #expect(r.compilation.succeeded, "\(r.errors)")
        #expect(close(r.ch4(2022), 1_000_000 * 0.1537 * 0.5 * 0.5 * 16 / 12, rel: 1e-12))
        let text = try #require(r.compilation.calculation).describe(0).formula
        #expect(text.contains("= DOC 0.1537 tC/t)"), "\(text)")
        // The components in the order of items.csv (food, garden, paper, textiles, wood), each WF × DOC.
        #expect(text.contains("(((WF 0.5 × DOC 0.15 tC/t + WF 0.05 × DOC 0.2 tC/t + WF 0.1 × DOC 0.4 tC/t + WF 0.03 × "
            + "DOC 0.24 tC/t + WF 0.05 × DOC 0.43 tC/t) = DOC 0.1537 tC/t)"), "\(text)")
        // Under first-order decay the composite DOC decays at the bulk-waste k (Table 3.3, msw row of the region's
        // climate zone): the region must be mapped to one.
        let fod = try run([Self.deposit(2021, "1000000", item: "msw")], years: [2022], factors: factors)
        #expect(fod.errors.count == 1 && fod.errors[0].contains("decay_rate") && fod.errors[0].contains("cz_"),
                "\(fod.errors)")
    }

    @Test("the order of the deposit rows in the file changes no byte of the inventory")
    func fileOrder() throws {
        let deposits = (1990...2022).map { Self.deposit($0, String(50_000 + 1_000 * ($0 - 1990))) }
        let forward = try run(deposits, years: [2005, 2020, 2022])
        let backward = try run(deposits.reversed(), years: [2005, 2020, 2022])
        var shuffled = deposits
        shuffled.swapAt(0, 17); shuffled.swapAt(3, 30); shuffled.swapAt(8, 22)
        let mixed = try run(shuffled, years: [2005, 2020, 2022])
        #expect(forward.compilation.succeeded)
        #expect(!forward.output.isEmpty && forward.output == backward.output && forward.output == mixed.output)
    }

    @Test("a history with unequal gaps gives the chronological answer, not the reversed series'")
    func unequalYears() throws {
        // 100 000 t in 2000 and 300 000 t in 2010; CH4 in 2012 (k 0.185, DDOCm 0.075 t per t):
        // 7 500 × e^(−0.185 × 11) × (1 − e^(−0.185)) × 2/3 + 22 500 × e^(−0.185 × 1) × (1 − e^(−0.185)) × 2/3.
        let r = try run([Self.deposit(2010, "300000"), Self.deposit(2000, "100000")], years: [2012])
        #expect(r.compilation.succeeded, "\(r.errors)")
        let decay = 1 - Foundation.exp(-0.185)
        let chronological = (7500 * Foundation.exp(-0.185 * 11) + 22500 * Foundation.exp(-0.185)) * decay * 0.5 * 16 / 12
        let reversed = (22500 * Foundation.exp(-0.185 * 11) + 7500 * Foundation.exp(-0.185)) * decay * 0.5 * 16 / 12
        #expect(close(r.ch4(2012), chronological, rel: 1e-12))
        #expect(!close(r.ch4(2012), reversed, rel: 1e-3))
        // The missing years are taken as no deposit, and said so.
        #expect(r.warnings == ["activity/waste.csv:3:8: warning: the disposal history of 'food' (2000–2010) has no "
            + "deposit in 9 years (2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009), taken as none; expected one row "
            + "per year of the history (0 for a year with no deposit) [series-gap]"], "\(r.warnings)")
    }

    @Test("bad inputs: a deposit after the last inventory year, a negative deposit, recovery above generation, a site type without MCF")
    func badInputs() throws {
        let late = try run([Self.deposit(2021, "100"), Self.deposit(2023, "100")], years: [2022])
        #expect(late.errors == ["activity/waste.csv:3:8: error: year '2023' of a 'solid_waste_disposal' row is after the "
            + "last inventory year 2022; expected a year up to 2022 (a series row may be any earlier year: a survey, a "
            + "deposit) [year-outside-project]"], "\(late.errors)")
        let negative = try run([Self.deposit(2021, "-100")], years: [2022])
        #expect(negative.errors == ["activity/waste.csv:2:45: error: negative value '-100' for activity "
            + "'solid_waste_disposal'; expected a value ≥ 0 [negative-value]"], "\(negative.errors)")
        // 100 t of food in 2021: CH4 in 2022 = 7.5 × (1 − e^(−0.185)) × 2/3 = 0.8444786 t, far below 5 t recovered.
        let recovery = try run([Self.deposit(2021, "100"), "510802,2022,4.A.1,methane_recovery,ch4,5,t,meter,,"],
                               years: [2022])
        #expect(recovery.errors == ["activity/waste.csv:3:40: error: CH4 recovered in 4.A.1 of region 510802 in 2022, 5 t, "
            + "is more than the CH4 generated there, 0.844479 t (1 line); expected recovery ≤ generation: check the "
            + "recovered amount, its unit and its category, and the disposal history or load [exceeds-generation]"],
                "\(recovery.errors)")
        #expect(!recovery.compilation.succeeded)
        let site = try run([Self.deposit(2021, "100", site: "open_dump")], years: [2022])
        #expect(site.errors == ["activity/waste.csv:2:65: error: no 'mcf' for the site type 'open_dump' of this deposit; "
            + "expected the site type in 'technology' (the stack has 'managed_anaerobic', 'managed_semi_aerobic', "
            + "'uncategorised', 'unmanaged_deep') or an 'mcf' row in the project's factors/ folder [missing-factor]"],
                "\(site.errors)")
    }
}
