import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Quality checks into checks.csv (issue 14, item 1).
@Suite("Quality checks")
struct ChecksTests {
    func compile(_ rows: [String], years: [Int] = [2021, 2022], extra: String = "") throws
        -> (Compilation, [[String: String]]) {
        let config = """
            {"name": "t", "years": [\(years.map(String.init).joined(separator: ", "))], "gwp": "AR5", "factor_stack": []\(extra)}
            """
        let p = try TestProject(config: config, activity: ["e.csv": ([TestProject.header] + rows).joined(separator: "\n")])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        return (c, c.succeeded ? try readCSV(out + "/checks.csv") : [])
    }

    static let rows = ["510802,2021,1.A.1.a.i,direct_emission,CO2,100,t,plant,,",
                       "510802,2022,1.A.1.a.i,direct_emission,CO2,115,t,plant,,",
                       "510802,2021,2.A.1,direct_emission,CO2,100,t,kiln,,",
                       "510802,2022,2.A.1,direct_emission,CO2,105,t,kiln,,"]

    @Test("year on year: 1.A.1 100 → 115 t (+15 % > 10 %) and the total 200 → 220 t (+10 % > 5 %) are findings with their rows; 2.A.1 +5 % is not")
    func yearOnYear() throws {
        let (c, checks) = try compile(Self.rows)
        #expect(c.succeeded)
        let county = checks.filter { $0["check"] == "year_on_year" && $0["region"] == "510802" }
        #expect(county.map { $0["subject"]! } == ["1 GHG", "1.A GHG", "1.A.1 GHG", "TOTAL GHG"])
        let a1 = try #require(county.first { $0["subject"] == "1.A.1 GHG" })
        #expect(a1["value"] == "115" && a1["reference"] == "100" && a1["difference"] == "15" && a1["severity"] == "warning")
        #expect(close(Double(a1["difference_pct"]!), 15, rel: 1e-12))
        #expect(a1["detail"] == "change beyond ±10 % from 2021; largest rows 2022: activity/e.csv:3; 2021: activity/e.csv:2")
        let total = try #require(county.first { $0["subject"] == "TOTAL GHG" })
        #expect(total["detail"] == "change beyond ±5 % from 2021; largest rows 2022: activity/e.csv:3, activity/e.csv:5; "
                    + "2021: activity/e.csv:2, activity/e.csv:4")
        // The city and the province roll the county up and have the same findings; the summary counts them all
        // and those of the region it is about (the county: the only one with rows).
        #expect(checks.filter { $0["check"] == "year_on_year" && $0["region"] == "510800" }.count == 4)
        let summary = Summary.text(c, inventory: try #require(c.inventory))
        #expect(summary.contains("checks: 66 findings to review (54 completeness, 12 year_on_year; 22 for 510802), see checks.csv"), "\(summary)")
    }

    @Test("the thresholds are the project's; years that are not consecutive are not compared; a bad setting is an error")
    func thresholds() throws {
        let (_, wide) = try compile(Self.rows, extra: #", "checks": {"year_on_year_category_pct": 20, "year_on_year_total_pct": 12}"#)
        #expect(wide.filter { $0["check"] == "year_on_year" }.isEmpty)
        let gap = Self.rows.map { $0.replacingOccurrences(of: ",2021,", with: ",2019,") }
        let (_, apart) = try compile(gap, years: [2019, 2022])
        #expect(apart.filter { $0["check"] == "year_on_year" }.isEmpty)
        let (bad, _) = try compile(Self.rows, extra: #", "checks": {"year_on_year_pct": 10, "year_on_year_total_pct": -1}"#)
        let errors = bad.log.sorted.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains("ghg-project.json: error: checks.year_on_year_pct: unknown setting; expected year_on_year_category_pct or year_on_year_total_pct [project-file]"), "\(errors)")
        #expect(errors.contains("ghg-project.json: error: checks.year_on_year_total_pct: -1 is not a percentage; expected a positive number such as 10 [project-file]"), "\(errors)")
    }

    @Test("completeness: a category of sectors 1–4 without lines or a notation key in an inventory year is a finding naming the years; NO rows cover it")
    func completeness() throws {
        let (_, checks) = try compile(Self.rows)
        let missing = checks.filter { $0["check"] == "completeness" && $0["region"] == "510802" }
        // 20 categories at two segments (1.A–1.C, 2.A–2.H, 3.A–3.D, 4.A–4.E) less 1.A and 2.A.
        #expect(missing.count == 18)
        #expect(missing.map { $0["subject"]! }.prefix(3) == ["1.B", "1.C", "2.B"])
        let e = try #require(missing.first { $0["subject"] == "4.E" })
        #expect(e["year"] == "2022" && e["severity"] == "warning" && e["status"] == "missing")
        #expect(e["detail"] == "4.E Other (Please Specify) (其他（请注明）) has no estimate and no notation key in 2021–2022; "
                    + "expected activity rows, or a row with value NO, NE, NA, IE or C and a note", "\(e)")
        // A NO row for 2022 leaves 2021 missing (the finding's year is then 2021); one for each year covers 4.E.
        let no2022 = "510802,2022,4.E,direct_emission,CO2,NO,,county survey,no other waste treatment,"
        let (_, one) = try compile(Self.rows + [no2022])
        let e1 = try #require(one.first { $0["check"] == "completeness" && $0["subject"] == "4.E" && $0["region"] == "510802" })
        #expect(e1["year"] == "2021" && e1["detail"]?.contains("no notation key in 2021;") == true, "\(e1)")
        let (_, both) = try compile(Self.rows + [no2022, no2022.replacingOccurrences(of: ",2022,", with: ",2021,")])
        #expect(both.filter { $0["check"] == "completeness" && $0["region"] == "510802" }.count == 17)
        #expect(!both.contains { $0["check"] == "completeness" && $0["subject"] == "4.E" && $0["region"] == "510802" })
        // Years apart are listed as runs of consecutive inventory years.
        #expect(CompletenessChecks.spans([2005, 2020, 2021, 2023], of: [2005, 2020, 2021, 2022, 2023]) == "2005–2021, 2023")
    }

    // MARK: checks over factors and rows, through the shipped stack

    /// Compiles rows against the default stack (china-provincial-2011, china-energy-statistics, china-grid, ipcc-2006)
    /// and returns the findings of one check.
    func findings(_ check: String, _ rows: [String], years: [Int] = [2021, 2022], factors: [String: String]? = nil,
                  lookup: String = "{}") throws -> (Compilation, [[String: String]]) {
        let p = try TestProject(years: years, lookup: lookup,
                                activity: ["e.csv": ([TestProject.header] + rows).joined(separator: "\n")], factors: factors)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        let errors = c.log.sorted.filter { $0.severity == .error }.map(\.description)
        #expect(errors.isEmpty, "\(errors)")
        return (c, try readCSV(out + "/checks.csv").filter { $0["check"] == check })
    }

    @Test("checks.csv: every finding has a check, a code, a severity, a location and the numbers, in that column order")
    func columns() throws {
        let p = try TestProject(years: [2022],
                                activity: ["e.csv": TestProject.header + "\n510802,2022,1.A.1.a.i,direct_emission,CO2,100,t,plant,,"])
        defer { p.remove() }
        let (_, out) = try p.compileToDisk()
        let text = try String(contentsOfFile: out + "/checks.csv", encoding: .utf8)
        #expect(text.hasPrefix("check,code,severity,region,year,subject,location,value,reference,difference,difference_pct,status,detail\n"))
        let rows = try readCSV(out + "/checks.csv")
        // Completeness points at the region's row in regions.csv (510802 is on line 4).
        let c = try #require(rows.first { $0["check"] == "completeness" && $0["region"] == "510802" })
        #expect(c["code"] == "completeness" && c["location"] == "regions.csv:4")
    }

    @Test("implied factor: diesel by the China route, 20.2 tC/TJ × 0.98 × 44/12 = 72585.3 kg/TJ, is below the 72600 lower bound of IPCC 2006 Table 1.4; natural gas, 15.3 × 0.99 × 44/12 = 55539 kg/TJ, lies in 54300–58300")
    func impliedFactor() throws {
        let (_, found) = try findings("implied_factor", ["510802,2022,1.A.3.b,fuel_combustion,diesel,10,t,yearbook,,",
                                                         "510802,2022,1.A.1.a.i,fuel_combustion,natural_gas,10,10^4 m3,yearbook,,"])
        #expect(found.count == 1)
        let f = try #require(found.first)
        #expect(f["code"] == "implied-factor" && f["severity"] == "warning" && f["status"] == "outside")
        #expect(f["region"] == "510802" && f["year"] == "2022" && f["subject"] == "1.A.3.b diesel CO2")
        #expect(f["location"] == "activity/e.csv:2")
        // CO2 = E × CC × OF × 44/12, so CO2 / E = 20.2 × 0.98 × 44/12 t/TJ = 72.585333 t/TJ = 72585.333 kg/TJ.
        #expect(close(Double(f["value"]!), 20.2 * 0.98 * 44 / 12 * 1000, rel: 1e-12))
        #expect(f["reference"] == "72600")
        #expect(f["detail"] == "implied CO2 factor 72585.3 kg/TJ (fuel_co2_cc_ncv: NCV at EmissionFactors/china-energy-statistics/ncv.csv:11 "
                    + "(china-energy-statistics), CC at EmissionFactors/china-provincial-2011/carbon_content.csv:12 (china-provincial-2011), "
                    + "OF at EmissionFactors/china-provincial-2011/oxidation.csv:15 (china-provincial-2011)) is outside 72600–74800 kg/TJ "
                    + "of 'ef_co2' at EmissionFactors/ipcc-2006/fuel-properties.csv:41 (ipcc-2006); 1 line in 1 region (first at "
                    + "activity/e.csv:2); expected a factor within the range, or a reason (a measured fuel quality) in the factor row's note")
    }

    @Test("implied factor: a plausibility range the project states (ief_co2) is used before the IPCC factor's; raw coal 26.1 × 0.93 × 44/12 = 89001 kg/TJ is below 91000")
    func plausibilityRange() throws {
        let ranges = "parameter,item,category,technology,region,year_from,year_to,value,unit,low,high,distribution,source,note\n"
            + "ief_co2,raw_coal,1.A,,,,,95000,kg/TJ,91000,99000,,provincial review practice (test),\n"
        let (_, found) = try findings("implied_factor", ["510802,2021,1.A.2.a,fuel_combustion,raw_coal,100,t,yearbook,,",
                                                         "510802,2022,1.A.2.a,fuel_combustion,raw_coal,120,t,yearbook,,"],
                                      factors: ["set.json": #"{"id": "county", "version": "1"}"#, "ranges.csv": ranges])
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(close(Double(f["value"]!), 26.1 * 0.93 * 44 / 12 * 1000, rel: 1e-12))
        #expect(f["reference"] == "91000" && f["year"] == "2022")
        #expect(f["detail"]?.contains("is outside 91000–99000 kg/TJ of 'ief_co2' at factors/ranges.csv:2 (county); 2 lines in 1 region (first at activity/e.csv:2), years 2021–2022;") == true, "\(f)")
    }

    @Test("factor year: the 2012 grid factor used for 2005 is 7 years away: a finding at the factor row, with the rows that use it")
    func factorYear() throws {
        let (_, found) = try findings("factor_year", ["510802,2005,IND.1,electricity_net_import,electricity,5,亿千瓦时,yearbook,,",
                                                      "510802,2022,IND.1,electricity_net_import,electricity,6,亿千瓦时,yearbook,,"],
                                      years: [2005, 2022], lookup: #"{"grid_ef": {"years": {"2005": 2012}}}"#)
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f["code"] == "factor-year" && f["region"] == "510802" && f["year"] == "2005" && f["subject"] == "grid_ef electricity")
        #expect(f["location"] == "EmissionFactors/china-grid/grid_ef.csv:5" && f["value"] == "2012" && f["reference"] == "2005")
        #expect(f["detail"] == "factor 'grid_ef' at EmissionFactors/china-grid/grid_ef.csv:5 (china-grid) is for 2012, 7 years from the "
                    + "inventory year 2005; used by 1 line in 1 region (first at activity/e.csv:2); expected a factor within 3 years: "
                    + "put a sourced 2005 row in the project's factors/ folder")
    }

    @Test("overlapping rows: raw coal under 1.A.2 and under 1.A.2.a in one county and year, both counted: a finding at the sub-category row")
    func overlappingRows() throws {
        let (_, found) = try findings("overlapping_rows", ["510802,2022,1.A.2,fuel_combustion,raw_coal,100,t,yearbook,,",
                                                           "510802,2022,1.A.2.a,fuel_combustion,raw_coal,40,t,yearbook,,",
                                                           "510802,2022,1.A.2.b,fuel_combustion,diesel,5,t,yearbook,,"])
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f["code"] == "overlapping-rows" && f["subject"] == "fuel_combustion raw_coal 1.A.2 ⊃ 1.A.2.a")
        #expect(f["location"] == "activity/e.csv:3:13" && f["value"] == "100" && f["reference"] == "40")
        #expect(f["detail"] == "'raw_coal' under 1.A.2.a at activity/e.csv:3 and under 1.A.2 at activity/e.csv:2, both counted: "
                    + "1.A.2 includes 1.A.2.a; expected the 1.A.2 row to hold only what is not in 1.A.2.a (say so in its note), or "
                    + "the rows under sibling categories")
    }

    @Test("measured and calculated: a plant's measured 1000 t CO2 and the calculated 10 TJ × 90 t/TJ = 900 t for 1.A.2.a, kept by a '其中' note, are a finding with both masses")
    func measuredVsCalculated() throws {
        let factors = "parameter,item,category,technology,region,year_from,year_to,value,unit,low,high,distribution,source,note\n"
            + "ef_co2,raw_coal,1.A,,,,,90,t/TJ,,,,plant test report (test),\n"
        let (_, found) = try findings("measured_vs_calculated",
                                      ["510802,2022,1.A.2.a,direct_emission,CO2,1000,t,plant report,其中 the kiln of the plant,",
                                       "510802,2022,1.A.2.a,fuel_combustion,raw_coal,10,TJ,yearbook,,"],
                                      factors: ["set.json": #"{"id": "county", "version": "1"}"#, "ef.csv": factors])
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f["subject"] == "1.A.2.a CO2" && f["value"] == "1000" && f["reference"] == "900")
        #expect(close(Double(f["difference_pct"]!), 100.0 / 900 * 100, rel: 1e-12))
        #expect(f["detail"] == "a measured total (direct_emission, 1000 t CO2) at activity/e.csv:2 and a calculated value "
                    + "(fuel_combustion, 900 t CO2) at activity/e.csv:3 for 1.A.2.a are both counted, as a note says one is a "
                    + "subset of the other; expected the calculated row to exclude what the measured total covers (else it is "
                    + "counted twice)")
    }

    @Test("biomass as fossil: raw coal whose note says 掺烧秸秆 (straw co-fired) is a finding; a straw row is not")
    func biomassAsFossil() throws {
        let (_, found) = try findings("biomass_as_fossil", ["510802,2022,1.A.1.a.i,fuel_combustion,raw_coal,100,t,plant,含掺烧秸秆,",
                                                            "510802,2022,1.A.4.b,fuel_combustion,straw,10,t,survey,秸秆,"])
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f["code"] == "biomass-as-fossil" && f["subject"] == "raw_coal")
        #expect(f["location"] == "activity/e.csv:2:39")
        #expect(f["detail"] == "'raw_coal' is a fossil fuel but the row's note mentions '秸秆': biomass burnt as fuel is a memo "
                    + "item (its CO2 outside the totals); expected the biomass in its own row with a biomass item of items.csv "
                    + "(wood, straw, biogas, biodiesel, …), and only the fossil part here")
    }

    @Test("coarse category: diesel in 1.A.4.c without a sub-category is a warning (mobile factors differ), raw coal an information; 1.A.4.c.ii is not a finding")
    func coarseCategory() throws {
        let (_, found) = try findings("coarse_category", ["510802,2022,1.A.4.c,fuel_combustion,diesel,10,t,yearbook,,",
                                                          "510802,2022,1.A.4.c,fuel_combustion,raw_coal,10,t,yearbook,,",
                                                          "510802,2022,1.A.4.c.ii,fuel_combustion,gasoline,10,t,yearbook,,"])
        #expect(found.map { $0["subject"]! } == ["1.A.4.c diesel", "1.A.4.c raw_coal"])
        #expect(found.map { $0["severity"]! } == ["warning", "info"])
        #expect(found[0]["location"] == "activity/e.csv:2:13")
        #expect(found[0]["detail"] == "'diesel' burnt in 1.A.4.c (agriculture, forestry, fishing) without a sub-category: it gets "
                    + "the stationary CH4 and N2O factors of IPCC 2006 Table 2.5, while machinery and vessels have mobile ones; "
                    + "expected 1.A.4.c.i (stationary), 1.A.4.c.ii (off-road vehicles and machinery, 农业机械) or 1.A.4.c.iii "
                    + "(fishing vessels)")
        #expect(found[1]["detail"] == "'raw_coal' burnt in 1.A.4.c (agriculture, forestry, fishing) without a sub-category; "
                    + "expected 1.A.4.c.i (stationary), 1.A.4.c.ii (off-road vehicles and machinery, 农业机械) or 1.A.4.c.iii "
                    + "(fishing vessels)")
    }

    @Test("reference vs sectoral, in the same place: a crude-oil balance of 2606.5 kt CO2 against 2400 kt burnt is 8.6054 % apart, large, with a warning")
    func referenceVsSectoral() throws {
        // Apparent consumption 1 000 − 100 − 50 = 850 kt × 41.816 TJ/kt (china-energy-statistics ncv.csv:7) × 20.0 tC/TJ
        // × 44/12 = 2 606 530.67 t CO2 (TV07 with the yearbook NCV); the sectoral row is the energy giving 2 400 000 t
        // at 20.0 tC/TJ × 1 × 44/12: (2 606 530.67 − 2 400 000) / 2 400 000 = 8.6054 %.
        let sa = 2_400_000.0 / (20.0 * 44.0 / 12.0)
        let rows = ["510802,2022,1.A,fuel_supply,crude_oil,1000,kt,balance,,imports",
                    "510802,2022,1.A,fuel_supply,crude_oil,100,kt,balance,,exports",
                    "510802,2022,1.A,fuel_supply,crude_oil,50,kt,balance,,stock_change",
                    "510802,2022,1.A.1.b,fuel_combustion,crude_oil,\(DecimalFormat.string(sa)),TJ,SA,,"]
        let local = ["set.json": #"{"id": "tv07", "version": "1"}"#,
                     "f.csv": ReferenceReader.factorColumns.joined(separator: ",") + "\n"
                        + "carbon_content,crude_oil,,,,,,20.0,tC/TJ,,,,IPCC 2006 Vol.2 Ch.1 Table 1.3,\n"
                        + "oxidation,crude_oil,,,,,,1,1,,,,IPCC 2006 Vol.2 Ch.1 Table 1.4 (COF 1),\n"]
        let (c, found) = try findings("reference_vs_sectoral", rows, years: [2022], factors: local)
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f["code"] == "reference-vs-sectoral" && f["severity"] == "warning" && f["status"] == "large")
        #expect(f["subject"] == "crude_oil" && f["location"] == "activity/e.csv:2")
        #expect(close(Double(f["difference_pct"]!), (850 * 41.816 * 20 * 44 / 12 - 2_400_000) / 2_400_000 * 100, rel: 1e-9))
        #expect(f["detail"] == "reference approach (the region's fuel balance) against the sectoral fuel_combustion CO2 of "
                    + "the same fuel; expected within ±2%, else an explanation (stock changes, non-energy use, statistical "
                    + "differences)")
        #expect(c.log.diagnostics.contains { $0.code == .referenceVsSectoral && $0.severity == .warning })
    }
}
